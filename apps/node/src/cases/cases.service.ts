import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { calendarDayOf, caseFieldsOf, tryParseIsoDate, type IsoDate } from '#app/standard';
import type { NodeActor } from '../access/node-actor.js';
import { NodeConfig } from '../config/node.config.js';
import { PseudonymService } from '../pseudonyms/pseudonym.service.js';
import type { IdentityInput } from '../vault/dto/identity.input.js';
import { VaultService } from '../vault/vault.service.js';
import { CasesErrorCode, CasesException, type CasesInputProblem } from './cases.exception.js';
import { draftConsent } from '../persons/consent-draft.js';
import type { CreatePersonInput } from './dto/create-person.input.js';
import type { RegistrationInput } from './dto/registration.input.js';
import { draftIdentity } from '../persons/identity-draft.js';
import { toPersonModel, toRegistrationModel } from '../persons/person.mapper.js';
import { PersonEntity } from '../persons/person.entity.js';
import type { PersonModel } from '../persons/person.model.js';
import { PersonsService } from '../persons/persons.service.js';
import { draftRegistration, type RegistrationDraft, type RegistrationFields } from '../persons/registration-draft.js';
import { RegistrationEntity } from '../persons/registration.entity.js';
import type { RegistrationModel } from '../persons/registration.model.js';

const MAX_REGISTRATIONS_PER_PERSON = 200;
const MAX_EXTERNAL_REF_LENGTH = 200;

/** Persons and their registrations: intake and correction by rapporteurs. Identity goes to the vault only. */
@Injectable()
export class CasesService {
  private readonly logger = new Logger('Cases');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
    private readonly pseudonyms: PseudonymService,
    private readonly vault: VaultService,
    private readonly persons: PersonsService,
  ) {}

  async createPerson(actor: NodeActor, input: CreatePersonInput): Promise<PersonModel> {
    const now = new Date();
    const today = calendarDayOf(now);
    const problems: CasesInputProblem[] = [];
    const identity = draftIdentity(input.identity, today, 'input.identity');
    const consent = draftConsent(input.consent, today, 'input.consent');
    if (!identity.ok) problems.push(...identity.problems);
    if (!consent.ok) problems.push(...consent.problems);
    const externalRef = input.externalRef ?? null;
    if (externalRef !== null && (externalRef.trim() === '' || externalRef.length > MAX_EXTERNAL_REF_LENGTH)) {
      problems.push({
        path: 'input.externalRef',
        code: CasesErrorCode.FORMAT,
        message: `externalRef must have 1 to ${MAX_EXTERNAL_REF_LENGTH} characters`,
      });
    }
    const registrations = this.draftRegistrations(input.registrations, identity.ok ? identity.value.birthDate : undefined, now, problems);
    if (problems.length > 0 || !identity.ok || !consent.ok) throw CasesException.invalidInput(problems);

    const id = randomUUID();
    const person: PersonEntity = Object.assign(new PersonEntity(), {
      id,
      externalRef,
      pseudonym: this.pseudonyms.pseudonymOf(id),
      statisticsConsentGivenOn: consent.value.statisticsGivenOn,
      internationalConsentGivenOn: consent.value.internationalGivenOn,
      revokedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    const rows = await this.transaction(async (manager) => {
      await manager.insert(PersonEntity, person);
      await this.vault.seal(manager, person.id, identity.value.identity, now);
      return insertRegistrations(manager, person.id, registrations, now);
    });
    this.logger.log({ msg: 'person created', personId: person.id, registrations: rows.length, by: actor.subject });
    return toPersonModel(person, rows);
  }

  /** Replaces a person's identity (re-sealed under a fresh key); a new birth date re-derives the age groups. */
  async correctIdentity(actor: NodeActor, personId: string, input: IdentityInput): Promise<PersonModel> {
    const now = new Date();
    const identity = draftIdentity(input, calendarDayOf(now), 'identity');
    if (!identity.ok) throw CasesException.invalidInput(identity.problems);
    const person = await this.persons.open(personId, 'personId');
    const existing = await this.persons.registrationsOf([person.id]);
    const { birthDate } = identity.value;
    const updates: Array<{ id: string; ageGroup: string }> = [];
    if (birthDate !== undefined) {
      const problems: CasesInputProblem[] = [];
      for (const registration of existing) {
        const fields = { ...fieldsOf(registration), ageGroup: null };
        const draft = draftRegistration(fields, this.draftContext(birthDate, 'identity.birthDate', now), 'identity');
        if (!draft.ok) problems.push(...draft.problems.filter((problem) => problem.path === 'identity.birthDate'));
        else if (draft.value.ageGroup !== registration.ageGroup) updates.push({ id: registration.id, ageGroup: draft.value.ageGroup });
      }
      if (problems.length > 0) throw CasesException.invalidInput(problems);
    }
    await this.transaction(async (manager) => {
      await this.vault.seal(manager, person.id, identity.value.identity, now);
      for (const update of updates)
        await manager.update(RegistrationEntity, { id: update.id }, { ageGroup: update.ageGroup, updatedAt: now });
      await manager.update(PersonEntity, { id: person.id }, { updatedAt: now });
    });
    this.logger.log({ msg: 'identity corrected', personId: person.id, ageGroupsChanged: updates.length, by: actor.subject });
    return this.persons.modelOf(await this.persons.find(person.id, 'personId'));
  }

  async addRegistration(actor: NodeActor, personId: string, input: RegistrationInput): Promise<RegistrationModel> {
    const now = new Date();
    const person = await this.persons.open(personId, 'personId');
    const birthDate = await this.birthDateOf(person.id);
    const draft = draftRegistration(input, this.draftContext(birthDate, 'personIdentity.birthDate', now), 'input');
    if (!draft.ok) throw CasesException.invalidInput(draft.problems);
    const [row] = await this.transaction(async (manager) => {
      await manager.update(PersonEntity, { id: person.id }, { updatedAt: now });
      return insertRegistrations(manager, person.id, [draft.value], now);
    });
    this.logger.log({ msg: 'registration added', personId: person.id, registrationId: row.id, by: actor.subject });
    return toRegistrationModel(row);
  }

  /** Replaces the statistical attributes of a registration. */
  async correctRegistration(actor: NodeActor, registrationId: string, input: RegistrationInput): Promise<RegistrationModel> {
    const now = new Date();
    const registration = await this.persons.findRegistration(registrationId);
    if (registration === null) {
      throw new CasesException(CasesErrorCode.REGISTRATION_NOT_FOUND, 'No such registration.', ['registrationId']);
    }
    const person = await this.persons.open(registration.personId, 'registrationId');
    const birthDate = await this.birthDateOf(person.id);
    const draft = draftRegistration(input, this.draftContext(birthDate, 'personIdentity.birthDate', now), 'input');
    if (!draft.ok) throw CasesException.invalidInput(draft.problems);
    const corrected: RegistrationEntity = { ...registration, ...rowValuesOf(draft.value), updatedAt: now };
    await this.transaction(async (manager) => {
      await manager.save(RegistrationEntity, corrected);
      await manager.update(PersonEntity, { id: person.id }, { updatedAt: now });
    });
    this.logger.log({ msg: 'registration corrected', personId: person.id, registrationId, by: actor.subject });
    return toRegistrationModel(corrected);
  }

  /** Checks the registrations of a new person; problems are added to `problems`, with their paths under `input`. */
  private draftRegistrations(
    inputs: readonly RegistrationFields[],
    birthDate: IsoDate | undefined,
    now: Date,
    problems: CasesInputProblem[],
  ): RegistrationDraft[] {
    const path = 'input';
    if (inputs.length > MAX_REGISTRATIONS_PER_PERSON) {
      problems.push({
        path: `${path}.registrations`,
        code: CasesErrorCode.TOO_MANY,
        message: `at most ${MAX_REGISTRATIONS_PER_PERSON} registrations`,
      });
      return [];
    }
    const drafts: RegistrationDraft[] = [];
    const seen = new Map<string, number>();
    inputs.forEach((input, index) => {
      const draft = draftRegistration(
        input,
        this.draftContext(birthDate, `${path}.identity.birthDate`, now),
        `${path}.registrations.${index}`,
      );
      if (!draft.ok) {
        problems.push(...draft.problems);
        return;
      }
      const key = `${draft.value.period}\u0000${draft.value.legalStatus}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({
          path: `${path}.registrations.${index}`,
          code: CasesErrorCode.DUPLICATE_REGISTRATION,
          message: `same period and legal status as registration ${first}`,
        });
        return;
      }
      seen.set(key, index);
      drafts.push(draft.value);
    });
    return drafts;
  }

  private draftContext(birthDate: IsoDate | undefined, birthDatePath: string, now: Date) {
    return { country: this.config.country, birthDate, birthDatePath, today: calendarDayOf(now) };
  }

  /** The birth date kept in the vault, if any: registrations derive their age group from it. */
  private async birthDateOf(personId: string): Promise<IsoDate | undefined> {
    const { birthDate } = await this.vault.open(personId);
    return birthDate === undefined ? undefined : tryParseIsoDate(birthDate);
  }

  /** Runs a write; unique violations become the precise conflict codes, and nothing is kept on failure. */
  private async transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      const constraint = uniqueViolationOf(error);
      if (constraint === 'person_external_ref_key') {
        throw new CasesException(CasesErrorCode.DUPLICATE_EXTERNAL_REF, 'Another person already has this externalRef.', [
          'input.externalRef',
        ]);
      }
      if (constraint === 'registration_person_period_status') {
        throw new CasesException(
          CasesErrorCode.DUPLICATE_REGISTRATION,
          'The person already has a registration in this period and legal status.',
          ['input'],
        );
      }
      throw error;
    }
  }
}

/** Stores checked registrations of one person in one multi-row insert, inside the caller's transaction. */
export async function insertRegistrations(
  manager: EntityManager,
  personId: string,
  drafts: readonly RegistrationDraft[],
  now: Date,
): Promise<RegistrationEntity[]> {
  const rows = drafts.map((draft): RegistrationEntity => ({
    id: randomUUID(),
    personId,
    ...rowValuesOf(draft),
    createdAt: now,
    updatedAt: now,
  }));
  if (rows.length > 0) await manager.insert(RegistrationEntity, rows);
  return rows;
}

export function rowValuesOf(draft: RegistrationDraft) {
  return {
    registrationDate: draft.registrationDate,
    period: draft.period,
    ...caseFieldsOf(draft),
    protection: draft.protection,
  };
}

/** A stored registration as input fields again (to re-derive after a birth date changes). */
export function fieldsOf(registration: RegistrationEntity): RegistrationFields {
  return {
    registrationDate: registration.registrationDate,
    registrationYear: registration.registrationDate === null ? Number(registration.period.slice(0, 4)) : null,
    ...caseFieldsOf(registration),
    protection: registration.protection,
  };
}

function uniqueViolationOf(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = (error as QueryFailedError & { driverError?: { code?: string; constraint?: string } }).driverError;
  return driverError?.code === '23505' ? driverError.constraint : undefined;
}
