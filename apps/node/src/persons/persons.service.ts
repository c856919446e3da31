import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pageWindow } from '#app/platform';
import { CASE_FIELDS, formatPeriod, isCodeOfField, type CaseField } from '#app/standard';
import type { NodeActor } from '../access/node-actor.js';
import { PERSON_FILTER_FIELDS, type PersonsArgs } from './dto/persons.args.js';
import type { PersonEntity } from './person.entity.js';
import { toPersonModel } from './person.mapper.js';
import type { PersonModel, PersonPageModel } from './person.model.js';
import { PersonsErrorCode, PersonsException } from './persons.exception.js';
import { PersonsRepository, type RegistrationCondition } from './persons.repository.js';
import type { RegistrationEntity } from './registration.entity.js';

/**
 * The person record as the other features see it: cases (intake, correction), consent and the import find, lock
 * and answer persons through this API, never through each other's internals.
 */
@Injectable()
export class PersonsService {
  constructor(private readonly repository: PersonsRepository) {}

  /** The person, or PERSON_NOT_FOUND at `field` (the argument that named them). */
  async find(personId: string, field: string, manager?: EntityManager): Promise<PersonEntity> {
    return this.found(await this.repository.find(personId, manager), field);
  }

  /** The person locked for the rest of the caller's transaction. */
  async findForUpdate(manager: EntityManager, personId: string, field: string): Promise<PersonEntity> {
    return this.found(await this.repository.findForUpdate(manager, personId), field);
  }

  /** A person whose record may still change: found and not revoked. */
  async open(personId: string, field: string): Promise<PersonEntity> {
    const person = await this.find(personId, field);
    if (person.revokedAt !== null) {
      throw new PersonsException(PersonsErrorCode.PERSON_REVOKED, 'This person revoked consent; the record is closed.', [field]);
    }
    return person;
  }

  /** Stores the consent days of `person` as they are now. */
  saveConsent(person: PersonEntity): Promise<void> {
    return this.repository.saveConsent(person);
  }

  /** Closes the record for good, inside the caller's transaction (the revocation's). */
  markRevoked(manager: EntityManager, personId: string, at: Date): Promise<void> {
    return this.repository.markRevoked(manager, personId, at);
  }

  findRegistration(registrationId: string): Promise<RegistrationEntity | null> {
    return this.repository.findRegistration(registrationId);
  }

  registrationsOf(personIds: readonly string[], manager?: EntityManager): Promise<RegistrationEntity[]> {
    return this.repository.registrationsOf(personIds, manager);
  }

  /** The person as answered over GraphQL, registrations included. */
  async modelOf(person: PersonEntity, manager?: EntityManager): Promise<PersonModel> {
    return toPersonModel(person, await this.repository.registrationsOf([person.id], manager));
  }

  async person(_actor: NodeActor, personId: string): Promise<PersonModel> {
    return this.modelOf(await this.find(personId, 'id'));
  }

  async persons(_actor: NodeActor, args: PersonsArgs): Promise<PersonPageModel> {
    const window = pageWindow(args);
    const { persons, totalCount } = await this.repository.page(
      {
        period: args.period ? formatPeriod(args.period) : undefined,
        externalRef: args.externalRef ?? undefined,
        registration: registrationConditions(args),
        consent: args.consent ?? undefined,
        sort: args.sort,
      },
      window,
    );
    const registrations = await this.repository.registrationsOf(persons.map((person) => person.id));
    return {
      totalCount,
      items: persons.map((person) =>
        toPersonModel(
          person,
          registrations.filter((registration) => registration.personId === person.id),
        ),
      ),
    };
  }

  private found(person: PersonEntity | null, field: string): PersonEntity {
    if (person === null) throw new PersonsException(PersonsErrorCode.PERSON_NOT_FOUND, 'No such person.', [field]);
    return person;
  }
}

/** The registration filters of the arguments, each code checked against its field's code lists (UNKNOWN_CODE at it). */
function registrationConditions(args: PersonsArgs): RegistrationCondition[] {
  const conditions: RegistrationCondition[] = [];
  for (const name of PERSON_FILTER_FIELDS) {
    const code = args[name];
    if (code === undefined || code === null) continue;
    const field = CASE_FIELDS.find((candidate) => candidate.name === name) as CaseField;
    if (!isCodeOfField(field, code)) {
      throw new PersonsException(PersonsErrorCode.UNKNOWN_CODE, `${name}: not a code of its code list.`, [name]);
    }
    conditions.push({ column: field.column, multiValued: field.multiValued, code });
  }
  return conditions;
}
