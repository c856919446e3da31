import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PageWindow } from '#app/platform';
import { PersonEntity } from './person.entity.js';
import { RegistrationEntity } from './registration.entity.js';

export interface PersonFilter {
  /** Canonical period text: persons with a registration in it. */
  readonly period?: string;
  readonly externalRef?: string;
}

/** The person record's SQL: reads, locks, and the consent and revocation writes. */
@Injectable()
export class PersonsRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(personId: string, manager: EntityManager = this.dataSource.manager): Promise<PersonEntity | null> {
    return manager.findOneBy(PersonEntity, { id: personId });
  }

  /** The person row locked until the caller's transaction ends, so concurrent changes of one person queue. */
  findForUpdate(manager: EntityManager, personId: string): Promise<PersonEntity | null> {
    return manager.findOne(PersonEntity, { where: { id: personId }, lock: { mode: 'pessimistic_write' } });
  }

  async saveConsent(person: PersonEntity): Promise<void> {
    await this.dataSource.manager.update(
      PersonEntity,
      { id: person.id },
      {
        statisticsConsentGivenOn: person.statisticsConsentGivenOn,
        internationalConsentGivenOn: person.internationalConsentGivenOn,
        updatedAt: person.updatedAt,
      },
    );
  }

  async markRevoked(manager: EntityManager, personId: string, at: Date): Promise<void> {
    await manager.update(PersonEntity, { id: personId }, { revokedAt: at, updatedAt: at });
  }

  findRegistration(registrationId: string): Promise<RegistrationEntity | null> {
    return this.dataSource.manager.findOneBy(RegistrationEntity, { id: registrationId });
  }

  /** Registrations of the persons, by period then legal status. */
  async registrationsOf(personIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<RegistrationEntity[]> {
    if (personIds.length === 0) return [];
    return manager
      .getRepository(RegistrationEntity)
      .createQueryBuilder('registration')
      .where('registration.person_id IN (:...ids)', { ids: personIds })
      .orderBy('registration.period', 'ASC')
      .addOrderBy('registration.legal_status', 'ASC')
      .getMany();
  }

  /** A page of persons in order of creation, and how many match in all. */
  async page(filter: PersonFilter, window: PageWindow): Promise<{ persons: PersonEntity[]; totalCount: number }> {
    const query = this.dataSource.getRepository(PersonEntity).createQueryBuilder('person');
    if (filter.period !== undefined) {
      query.andWhere('EXISTS (SELECT 1 FROM registration r WHERE r.person_id = person.id AND r.period = :period)', {
        period: filter.period,
      });
    }
    if (filter.externalRef !== undefined) query.andWhere('person.external_ref = :ref', { ref: filter.externalRef });
    const [persons, totalCount] = await query
      .orderBy('person.created_at', 'ASC')
      .addOrderBy('person.id', 'ASC')
      .skip(window.offset)
      .take(window.limit)
      .getManyAndCount();
    return { persons, totalCount };
  }
}
