import { Module } from '@nestjs/common';
import { PopulationResolver } from './population.resolver.js';
import { PopulationService } from './population.service.js';

@Module({
  providers: [PopulationService, PopulationResolver],
  exports: [PopulationService],
})
export class PopulationModule {}
