import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '#app/auth';
import { HealthModel } from './health.model.js';
import { HealthService } from './health.service.js';

@Resolver(() => HealthModel)
export class HealthResolver {
  constructor(private readonly healthService: HealthService) {}

  @Public()
  @Query(() => HealthModel, { description: 'Role, version, database kind and migration state of this application.' })
  health(): Promise<HealthModel> {
    return this.healthService.health();
  }
}
