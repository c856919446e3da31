import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, Role, Roles } from '#app/auth';
import { LoadPopulationTableInput } from './dto/load-population-table.input.js';
import { PopulationFigureModel, PopulationTableModel } from './population-table.model.js';
import { PopulationService } from './population.service.js';

const [firstRole, ...otherRoles] = ALL_ROLES as [Role, ...Role[]];

@Resolver()
export class PopulationResolver {
  constructor(private readonly populationService: PopulationService) {}

  @Roles(firstRole, ...otherRoles)
  @Query(() => [PopulationTableModel], { description: 'Loaded population table versions, the current one first.' })
  populationTables(): Promise<PopulationTableModel[]> {
    return this.populationService.tables();
  }

  @Roles(firstRole, ...otherRoles)
  @Query(() => PopulationFigureModel, { nullable: true, description: 'Population on 1 January (both sexes, all ages unless asked).' })
  population(
    @Args('geo') geo: string,
    @Args('year', { type: () => Int }) year: number,
    @Args('sex', { nullable: true, type: () => String }) sex?: string | null,
    @Args('age', { nullable: true, type: () => String }) age?: string | null,
    @Args('version', { nullable: true, type: () => String }) version?: string | null,
  ): Promise<PopulationFigureModel | null> {
    return this.populationService.figure(geo, year, { sex: sex ?? undefined, age: age ?? undefined, version: version ?? undefined });
  }

  @Roles(Role.HUB_ADMIN)
  @Mutation(() => PopulationTableModel, { description: 'Loads a newer population table (Eurostat bulk TSV text).' })
  loadPopulationTable(@Args('input') input: LoadPopulationTableInput): Promise<PopulationTableModel> {
    return this.populationService.load(input);
  }
}
