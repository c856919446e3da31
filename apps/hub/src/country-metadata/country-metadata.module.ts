import { Module } from '@nestjs/common';
import { CountryMetadataResolver } from './country-metadata.resolver.js';
import { CountryMetadataService } from './country-metadata.service.js';

@Module({
  providers: [CountryMetadataService, CountryMetadataResolver],
  exports: [CountryMetadataService],
})
export class CountryMetadataModule {}
