import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { PageWindow } from '#app/platform';
import { PersonConsentState, PersonSort } from './dto/persons.args.js';
import { PersonEntity } from './person.entity.js';
import { RegistrationEntity } from './registration.entity.js';

/** A condition on one registration column: equal to the code, or for a list column, containing it. */
export interface RegistrationCondition {
  readonly column: string;
  readonly multiValued: boolean;
  readonly code: string;
}

export interface PersonFilter {
  /** Canonical period text: persons with a registration in it (for a year, in it or one of its quarters). */
  readonly period?: string;
  readonly externalRef?: string;
  /** Persons with one registration meeting all of these (and in the period, when given). */
  readonly registration?: readonly RegistrationCondition[];
  readonly consent?: PersonConsentState;
  readonly sort?: PersonSort;
}

/** Where clauses of the consent states (the person table's columns). */
const CONSENT_SQL: Readonly<Record<PersonConsentState, string>> = {
  [PersonConsentState.INTERNATIONAL]: 'person.revoked_at IS NULL AND person.international_consent_given_on IS NOT NULL',
  [PersonConsentState.STATISTICS_ONLY]:
    'person.revoked_at IS NULL AND person.statistics_consent_given_on IS NOT NULL AND person.international_consent_given_on IS NULL',
  [PersonConsentState.NONE]: 'person.revoked_at IS NULL AND person.statistics_consent_given_on IS NULL',
  [PersonConsentState.REVOKED]: 'person.revoked_at IS NOT NULL',
};

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

  /** A page of persons in the filter's order (oldest first by default), and how many match in all. */
  async page(filter: PersonFilter, window: PageWindow): Promise<{ persons: PersonEntity[]; totalCount: number }> {
    const query = this.dataSource.getRepository(PersonEntity).createQueryBuilder('person');
    const conditions: string[] = [];
    const parameters: Record<string, string> = {};
    if (filter.period !== undefined) {
      // A year also finds the registrations of its quarters.
      conditions.push(/^\d{4}$/.test(filter.period) ? '(r.period = :period OR r.period LIKE :periodQuarters)' : 'r.period = :period');
      parameters['period'] = filter.period;
      parameters['periodQuarters'] = `${filter.period}-Q_`;
    }
    (filter.registration ?? []).forEach((condition, index) => {
      // Column names come from the standard's field descriptors, never from the request.
      conditions.push(condition.multiValued ? `:code${index} = ANY(r.${condition.column})` : `r.${condition.column} = :code${index}`);
      parameters[`code${index}`] = condition.code;
    });
    if (conditions.length > 0) {
      query.andWhere(`EXISTS (SELECT 1 FROM registration r WHERE r.person_id = person.id AND ${conditions.join(' AND ')})`, parameters);
    }
    if (filter.externalRef !== undefined) query.andWhere('person.external_ref = :ref', { ref: filter.externalRef });
    if (filter.consent !== undefined) query.andWhere(CONSENT_SQL[filter.consent]);
    if (filter.sort === PersonSort.REFERENCE) {
      query.orderBy('person.external_ref', 'ASC', 'NULLS LAST').addOrderBy('person.id', 'ASC');
    } else {
      const direction = filter.sort === PersonSort.NEWEST_FIRST ? 'DESC' : 'ASC';
      query.orderBy('person.created_at', direction).addOrderBy('person.id', direction);
    }
    const [persons, totalCount] = await query.skip(window.offset).take(window.limit).getManyAndCount();
    return { persons, totalCount };
  }
}
