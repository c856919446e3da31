import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IdentityFields } from '@app/crypto';
import { joinedList, splitListSql } from '@app/database';
import {
  CASE_FIELDS,
  CsvImportError,
  formatPeriod,
  importCtdcCsv,
  importTemplateCsv,
  recordFieldValue,
  registrationPeriod,
  type CountryCode,
  type CsvDelimiter,
  type CsvSource,
  type IdentityFields as ImportedIdentity,
  type ImportedCase,
  type ImportItem,
  type ImportReport,
  type RecordConsent,
} from '@app/standard';
import { calendarDayOf } from '../cases/calendar-day.js';
import { NodeConfig } from '../config/node.config.js';
import { PseudonymService } from '../pseudonyms/pseudonym.service.js';
import { VaultService } from '../vault/vault.service.js';
import { CaseImportErrorCode, CaseImportException } from './case-import.exception.js';
import { emptyTally, type NodeImportTally } from './import-tally.js';

export type CaseFileFormat = 'template' | 'ctdc';

export interface CaseImportRequest {
  /** A file path, or the file's bytes as a stream. */
  readonly source: CsvSource;
  readonly format: CaseFileFormat;
  /** Refuse the whole file when any row is rejected (default: import the good rows, report the others). */
  readonly strict?: boolean;
  readonly delimiter?: CsvDelimiter;
  /** CTDC files carry no consent: the basis on which this node holds the records and may send them. */
  readonly ctdcConsent?: RecordConsent;
  /** CTDC rows have no person id: `<prefix><row>` becomes their external reference (one prefix per source file). */
  readonly ctdcPersonIdPrefix?: string;
  /** Called as rows are read (for a progress display). */
  readonly onProgress?: (rowsRead: number) => void;
}

export interface CaseImportResult {
  /** The data standard's import report: rows read, accepted, rejected with row, column and reason, mapped values. */
  readonly report: ImportReport;
  readonly tally: NodeImportTally;
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

/** Accepted rows stored per round trip: one multi-row statement per table. */
const BATCH_ROWS = 500;

interface KnownPerson {
  readonly id: string;
  readonly revoked: boolean;
}

/**
 * Imports a CSV file of cases (the standard's template or a CTDC export) in one transaction: either every accepted
 * row is stored or, when the file turns out to be unusable (or, in strict mode, has a rejected row), nothing is.
 * Persons are matched by the file's person id (their external reference), so importing the same file again changes
 * nothing; registrations by person, period and legal status. Identity columns go to the vault only.
 */
@Injectable()
export class CaseImportService {
  private readonly logger = new Logger('CaseImport');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: NodeConfig,
    private readonly pseudonyms: PseudonymService,
    private readonly vault: VaultService,
  ) {}

  async importCases(request: CaseImportRequest): Promise<CaseImportResult> {
    const tally = emptyTally();
    const now = new Date();
    let report: ImportReport;
    try {
      report = await this.dataSource.transaction(async (manager) => {
        const items = this.itemsOf(request, now);
        let batch: ImportedCase[] = [];
        let rowsRead = 0;
        for (;;) {
          const next = await items.next();
          if (next.done === true) {
            await this.storeBatch(manager, batch, tally, now);
            if (request.strict === true && next.value.rejected > 0) {
              throw CaseImportException.aborted(CaseImportErrorCode.ROWS_REJECTED, next.value);
            }
            return next.value;
          }
          rowsRead += 1;
          request.onProgress?.(rowsRead);
          if (next.value.kind !== 'accepted') continue;
          if (next.value.case.facts.country !== this.config.country) {
            tally.skippedOtherCountry += 1;
            continue;
          }
          batch.push(next.value.case);
          if (batch.length >= BATCH_ROWS) {
            await this.storeBatch(manager, batch, tally, now);
            batch = [];
          }
        }
      });
    } catch (error) {
      if (error instanceof CsvImportError) {
        this.logger.warn({ msg: 'import rolled back', code: error.problem.code, line: error.problem.line, rowsRead: error.report.rowsRead });
        throw CaseImportException.aborted(CaseImportErrorCode.FILE_REJECTED, error.report);
      }
      if (error instanceof CaseImportException) this.logger.warn({ msg: 'import rolled back', code: error.code, rejected: error.report.rejected });
      throw error;
    }
    this.logger.log({ msg: 'import committed', format: request.format, rowsRead: report.rowsRead, rejected: report.rejected, ...tally });
    return { report, tally };
  }

  private itemsOf(request: CaseImportRequest, now: Date): AsyncGenerator<ImportItem, ImportReport, undefined> {
    const common = { ...(request.delimiter === undefined ? {} : { delimiter: request.delimiter }) };
    // Registrations after today are refused, as they are when typed in (found by the reliability corpus).
    const today = calendarDayOf(now);
    if (request.format === 'ctdc') {
      return importCtdcCsv(request.source, {
        ...common,
        consent: request.ctdcConsent ?? { statistics: true, international: false },
        ...(request.ctdcPersonIdPrefix === undefined ? {} : { personIdPrefix: request.ctdcPersonIdPrefix }),
        currentYear: Number(today.slice(0, 4)),
      });
    }
    return importTemplateCsv(request.source, { ...common, country: this.config.country as CountryCode, today });
  }

  private async storeBatch(manager: EntityManager, cases: readonly ImportedCase[], tally: NodeImportTally, now: Date): Promise<void> {
    if (cases.length === 0) return;
    const byRef = await this.personsByRef(manager, [...new Set(cases.map((imported) => imported.personId))]);
    tally.personsMatched += byRef.size;
    await this.createPersons(manager, cases.filter((imported) => !byRef.has(imported.personId)), byRef, tally, now);

    // One registration per person, period and legal status: a later row of the same batch replaces an earlier one.
    const registrations = new Map<string, { personId: string; imported: ImportedCase; period: string }>();
    for (const imported of cases) {
      const person = byRef.get(imported.personId) as KnownPerson;
      if (person.revoked) {
        tally.skippedRevoked += 1;
        continue;
      }
      const period = formatPeriod(registrationPeriod(imported.facts.registration));
      const key = `${person.id}\u0000${period}\u0000${imported.facts.legalStatus}`;
      if (registrations.has(key)) tally.repeatedInFile += 1;
      registrations.set(key, { personId: person.id, imported, period });
    }
    await this.upsertRegistrations(manager, [...registrations.values()], tally, now);
  }

  private async personsByRef(manager: EntityManager, refs: readonly string[]): Promise<Map<string, KnownPerson>> {
    const rows: Array<{ id: string; external_ref: string; revoked: boolean }> = await manager.query(
      'SELECT id, external_ref, revoked_at IS NOT NULL AS revoked FROM person WHERE external_ref = ANY($1::text[])',
      [refs],
    );
    return new Map(rows.map((row) => [row.external_ref, { id: row.id, revoked: row.revoked }]));
  }

  /** New persons of the batch: consent from their first row, identity merged from their rows, sealed in the vault. */
  private async createPersons(
    manager: EntityManager,
    cases: readonly ImportedCase[],
    byRef: Map<string, KnownPerson>,
    tally: NodeImportTally,
    now: Date,
  ): Promise<void> {
    const fresh = new Map<string, { id: string; consent: RecordConsent; identity: ImportedIdentity }>();
    for (const imported of cases) {
      const known = fresh.get(imported.personId);
      if (known === undefined) {
        fresh.set(imported.personId, { id: randomUUID(), consent: imported.facts.consent, identity: { ...imported.identity } });
      } else {
        known.identity = { ...imported.identity, ...withoutEmpty(known.identity) };
      }
    }
    if (fresh.size === 0) return;
    const today = calendarDayOf(now);
    const people = [...fresh.entries()].map(([ref, person]) => ({ ref, ...person }));
    await manager.query(
      `INSERT INTO person (id, external_ref, pseudonym, statistics_consent_given_on, international_consent_given_on, created_at, updated_at)
       SELECT t.id, t.external_ref, t.pseudonym, t.statistics_on, t.international_on, $6, $6
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::date[])
           AS t(id, external_ref, pseudonym, statistics_on, international_on)`,
      [
        people.map((person) => person.id),
        people.map((person) => person.ref),
        people.map((person) => this.pseudonyms.pseudonymOf(person.id)),
        people.map((person) => (person.consent.statistics ? today : null)),
        // International transmission only ever with statistical use (the table enforces it too).
        people.map((person) => (person.consent.statistics && person.consent.international ? today : null)),
        now,
      ],
    );
    await this.vault.sealMany(
      manager,
      people.map((person) => ({ personId: person.id, identity: vaultIdentityOf(person.identity) })),
      now,
    );
    for (const person of people) byRef.set(person.ref, { id: person.id, revoked: false });
    tally.personsCreated += people.length;
  }

  private async upsertRegistrations(
    manager: EntityManager,
    rows: ReadonlyArray<{ personId: string; imported: ImportedCase; period: string }>,
    tally: NodeImportTally,
    now: Date,
  ): Promise<void> {
    if (rows.length === 0) return;
    const facts = rows.map((row) => row.imported.facts);
    const fieldValues = CASE_FIELDS.map((field) =>
      facts.map((fact) => {
        const value = recordFieldValue(fact, field);
        if (value === undefined) return null;
        return Array.isArray(value) ? joinedList(value as string[]) : value;
      }),
    );
    const changed: Array<{ inserted: boolean }> = await manager.query(REGISTRATION_UPSERT_SQL, [
      rows.map(() => randomUUID()),
      rows.map((row) => row.personId),
      facts.map((fact) => (fact.registration.precision === 'day' ? fact.registration.date : null)),
      rows.map((row) => row.period),
      ...fieldValues,
      facts.map((fact) => ('protection' in fact && fact.protection !== undefined ? JSON.stringify(fact.protection) : null)),
      now,
    ]);
    const inserted = changed.filter((row) => row.inserted).length;
    tally.registrationsCreated += inserted;
    tally.registrationsUpdated += changed.length - inserted;
    tally.registrationsUnchanged += rows.length - changed.length;
  }
}

/** The import's identity columns in the vault's shape (one document number becomes a list of one). */
function vaultIdentityOf(identity: ImportedIdentity): IdentityFields {
  const fields: Record<string, string | string[]> = {};
  const copy = (from: keyof ImportedIdentity, to: string) => {
    const value = identity[from];
    if (value !== undefined && value !== '') fields[to] = value;
  };
  copy('givenName', 'givenNames');
  copy('familyName', 'familyNames');
  copy('birthDate', 'birthDate');
  copy('phone', 'phone');
  copy('email', 'email');
  copy('address', 'address');
  copy('notes', 'notes');
  if (identity.documentNumber !== undefined && identity.documentNumber !== '') fields['documentNumbers'] = [identity.documentNumber];
  return fields as IdentityFields;
}

function withoutEmpty(identity: ImportedIdentity): ImportedIdentity {
  return Object.fromEntries(Object.entries(identity).filter(([, value]) => value !== undefined && value !== '')) as ImportedIdentity;
}
