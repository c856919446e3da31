import { Module } from '@nestjs/common';
import { CountryMetadataRepository } from './country-metadata.repository.js';
import { CountryMetadataResolver } from './country-metadata.resolver.js';
import { CountryMetadataService } from './country-metadata.service.js';

@Module({
  providers: [CountryMetadataService, CountryMetadataRepository, CountryMetadataResolver],
  exports: [CountryMetadataService],
})
export class CountryMetadataModule {}
