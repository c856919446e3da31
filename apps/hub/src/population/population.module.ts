import { Module } from '@nestjs/common';
import { PopulationRepository } from './population.repository.js';
import { PopulationResolver } from './population.resolver.js';
import { PopulationService } from './population.service.js';

@Module({
  providers: [PopulationService, PopulationRepository, PopulationResolver],
  exports: [PopulationService, PopulationRepository],
})
export class PopulationModule {}
