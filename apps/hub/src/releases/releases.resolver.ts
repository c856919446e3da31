import { Args, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ALL_ROLES, CurrentPrincipal, Role, Roles, type Principal } from '#app/auth';
import { ReleaseCoverageModel, ReleaseDatasetModel, ReleaseModel } from './release.model.js';
import { ReleasesService } from './releases.service.js';

const [firstRole, ...otherRoles] = ALL_ROLES as [Role, ...Role[]];

/** Releases are read by every signed-in role (fields included); publishing is for administrators. */
@Roles(firstRole, ...otherRoles)
@Resolver(() => ReleaseModel)
export class ReleasesResolver {
  constructor(private readonly releasesService: ReleasesService) {}

  @Roles(Role.HUB_ADMIN)
  @Mutation(() => ReleaseModel, { description: 'Freezes the current records into a new numbered release of protected cubes.' })
  publishRelease(
    @CurrentPrincipal() principal: Principal,
    @Args('note', { nullable: true, type: () => String }) note?: string | null,
  ): Promise<ReleaseModel> {
    return this.releasesService.publish(note ?? undefined, principal.subject);
  }

  @Query(() => [ReleaseModel], { description: 'Every release, newest first.' })
  releases(): Promise<ReleaseModel[]> {
    return this.releasesService.list();
  }

  @Query(() => ReleaseModel)
  release(@Args('number', { type: () => Int }) number: number): Promise<ReleaseModel> {
    return this.releasesService.get(number);
  }

  @ResolveField(() => [ReleaseDatasetModel])
  datasets(@Parent() release: ReleaseModel): Promise<ReleaseDatasetModel[]> {
    return this.releasesService.datasets(release.number);
  }

  @ResolveField(() => [ReleaseCoverageModel])
  coverage(@Parent() release: ReleaseModel): Promise<ReleaseCoverageModel[]> {
    return this.releasesService.coverage(release.number);
  }
}
