import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, Role, Roles } from '#app/auth';
import { PeriodScalar } from '#app/platform';
import type { Period } from '#app/standard';
import { CountryMetadataModel } from './country-metadata.model.js';
import { CountryMetadataService } from './country-metadata.service.js';
import { SetCountryMetadataInput } from './dto/set-country-metadata.input.js';

const [firstRole, ...otherRoles] = ALL_ROLES as [Role, ...Role[]];

@Resolver(() => CountryMetadataModel)
export class CountryMetadataResolver {
  constructor(private readonly metadataService: CountryMetadataService) {}

  /** Metadata explains published figures, so every signed-in role may read it. */
  @Roles(firstRole, ...otherRoles)
  @Query(() => [CountryMetadataModel], { description: 'Country metadata entries, by country and period.' })
  countryMetadata(@Args('country', { nullable: true, type: () => String }) country?: string | null): Promise<CountryMetadataModel[]> {
    return this.metadataService.list(country ?? undefined);
  }

  @Roles(Role.HUB_ADMIN)
  @Mutation(() => CountryMetadataModel, { description: "Creates or replaces a country's metadata entry from a period on." })
  setCountryMetadata(@Args('input') input: SetCountryMetadataInput): Promise<CountryMetadataModel> {
    return this.metadataService.set(input);
  }

  @Roles(Role.HUB_ADMIN)
  @Mutation(() => CountryMetadataModel, { description: "Removes a country's metadata entry." })
  removeCountryMetadata(
    @Args('country') country: string,
    @Args('validFrom', { type: () => PeriodScalar }) validFrom: Period,
  ): Promise<CountryMetadataModel> {
    return this.metadataService.remove(country, validFrom);
  }
}
