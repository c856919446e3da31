import { Module } from '@nestjs/common';
import { PersonsRepository } from './persons.repository.js';
import { PersonsResolver } from './persons.resolver.js';
import { PersonsService } from './persons.service.js';

/** The person record (person, consent state, registrations): found, locked and answered for the other features. */
@Module({
  providers: [PersonsRepository, PersonsService, PersonsResolver],
  exports: [PersonsService],
})
export class PersonsModule {}
