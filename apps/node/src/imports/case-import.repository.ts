import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { arrayParameterValue, splitListSql } from '#app/database';
import { CASE_FIELDS, recordFieldValue, type CaseFacts } from '#app/standard';

/** A person the file's person id already names. */
export interface KnownPerson {
  readonly id: string;
  readonly revoked: boolean;
}

/** A person the import creates (identity goes to the vault separately). */
export interface ImportedPerson {
  readonly id: string;
  readonly externalRef: string;
  readonly pseudonym: string;
  readonly statisticsConsentGivenOn: string | null;
  readonly internationalConsentGivenOn: string | null;
}

/** A registration as the import stores it. */
export interface ImportedRegistration {
  readonly personId: string;
  readonly registrationDate: string | null;
  readonly period: string;
  readonly facts: CaseFacts;
}

/**
 * Upsert of imported registrations, derived from the standard's case fields: one array parameter per column, lists
 * joined; a registration is its person, period and legal status, and an unchanged one is left alone.
 */
const REGISTRATION_UPSERT_SQL = (() => {
  const fixed = ['id', 'person_id', 'registration_date', 'period'];
  const fixedTypes = ['uuid', 'uuid', 'date', 'text'];
  const fields = CASE_FIELDS.map((field) => field.column);
  const fieldTypes = CASE_FIELDS.map((field) => field.sqlType);
  const columns = [...fixed, ...fields, 'protection'];
  const types = [...fixedTypes, ...fieldTypes, 'jsonb'];
  const values = columns.map((column) => {
    const field = CASE_FIELDS.find((candidate) => candidate.column === column);
    return field?.multiValued === true ? splitListSql(`t.${column}`) : `t.${column}`;
  });
  // Everything but the identifying key (person, period, legal status) may be updated.
  const updated = [...columns.filter((column) => !['id', 'person_id', 'period', 'legal_status'].includes(column))];
  const now = `$${columns.length + 1}`;
  return `INSERT INTO registration (${columns.join(', ')}, created_at, updated_at)
  SELECT ${values.join(', ')}, ${now}, ${now}
    FROM unnest(${types.map((type, index) => `$${index + 1}::${type}[]`).join(', ')}) AS t(${columns.join(', ')})
  ON CONFLICT ON CONSTRAINT registration_person_period_status DO UPDATE SET
    ${[...updated, 'updated_at'].map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
   WHERE (${updated.map((column) => `registration.${column}`).join(', ')})
         IS DISTINCT FROM (${updated.map((column) => `EXCLUDED.${column}`).join(', ')})
  RETURNING (xmax::text = '0') AS inserted`;
})();

/** SQL of CSV import: persons by external reference, and batched inserts and upserts inside the import's transaction. */
@Injectable()
export class CaseImportRepository {
  async personsByRef(manager: EntityManager, refs: readonly string[]): Promise<Map<string, KnownPerson>> {
    const rows: Array<{ id: string; external_ref: string; revoked: boolean }> = await manager.query(
      'SELECT id, external_ref, revoked_at IS NOT NULL AS revoked FROM person WHERE external_ref = ANY($1::text[])',
      [refs],
    );
    return new Map(rows.map((row) => [row.external_ref, { id: row.id, revoked: row.revoked }]));
  }

  async insertPersons(manager: EntityManager, people: readonly ImportedPerson[], now: Date): Promise<void> {
    await manager.query(
      `INSERT INTO person (id, external_ref, pseudonym, statistics_consent_given_on, international_consent_given_on, created_at, updated_at)
       SELECT t.id, t.external_ref, t.pseudonym, t.statistics_on, t.international_on, $6, $6
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::date[])
           AS t(id, external_ref, pseudonym, statistics_on, international_on)`,
      [
        people.map((person) => person.id),
        people.map((person) => person.externalRef),
        people.map((person) => person.pseudonym),
        people.map((person) => person.statisticsConsentGivenOn),
        people.map((person) => person.internationalConsentGivenOn),
        now,
      ],
    );
  }

  /** Inserts new registrations and updates changed ones; one answer row per registration inserted or updated. */
  async upsertRegistrations(
    manager: EntityManager,
    rows: readonly ImportedRegistration[],
    now: Date,
  ): Promise<Array<{ inserted: boolean }>> {
    const fieldValues = CASE_FIELDS.map((field) => rows.map(({ facts }) => arrayParameterValue(recordFieldValue(facts, field))));
    return manager.query(REGISTRATION_UPSERT_SQL, [
      rows.map(() => randomUUID()),
      rows.map((row) => row.personId),
      rows.map((row) => row.registrationDate),
      rows.map((row) => row.period),
      ...fieldValues,
      rows.map(({ facts }) => ('protection' in facts && facts.protection !== undefined ? JSON.stringify(facts.protection) : null)),
      now,
    ]);
  }
}
