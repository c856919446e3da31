import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { CountryMetadataModule } from '../country-metadata/country-metadata.module.js';
import { FiguresModule } from '../figures/figures.module.js';
import { FiguresCacheModule } from '../figures-cache/figures-cache.module.js';
import { ExportsController } from './exports.controller.js';
import { ExportsService } from './exports.service.js';

@Module({
  imports: [FiguresModule, FiguresCacheModule, AccessLogModule, CountryMetadataModule],
  controllers: [ExportsController],
  providers: [ExportsService],
  exports: [ExportsService],
})
export class ExportsModule {}
