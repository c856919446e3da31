import { Args, Query, Resolver } from '@nestjs/graphql';
import { CurrentPrincipal, Role, Roles, type Principal } from '#app/auth';
import { UuidScalar } from '#app/platform';
import { NodeScope } from '../access/node-actor.js';
import { PersonsArgs } from './dto/persons.args.js';
import { PersonModel, PersonPageModel } from './person.model.js';
import { PersonsService } from './persons.service.js';

@Resolver(() => PersonModel)
export class PersonsResolver {
  constructor(
    private readonly scope: NodeScope,
    private readonly personsService: PersonsService,
  ) {}

  @Roles(Role.RAPPORTEUR, Role.STEWARD)
  @Query(() => PersonModel)
  person(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => UuidScalar }) id: string): Promise<PersonModel> {
    return this.personsService.person(this.scope.actorOf(principal), id);
  }

  @Roles(Role.RAPPORTEUR, Role.STEWARD)
  @Query(() => PersonPageModel, { description: 'Persons in order of creation, optionally those registered in a period.' })
  persons(@CurrentPrincipal() principal: Principal, @Args() args: PersonsArgs): Promise<PersonPageModel> {
    return this.personsService.persons(this.scope.actorOf(principal), args);
  }
}
