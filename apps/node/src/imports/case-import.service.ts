import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IdentityFields } from '#app/crypto';
import {
  calendarDayOf,
  CsvImportError,
  formatPeriod,
  importCtdcCsv,
  importTemplateCsv,
  registrationPeriod,
  type CountryCode,
  type CsvDelimiter,
  type CsvSource,
  type IdentityFields as ImportedIdentity,
  type ImportedCase,
  type ImportItem,
  type ImportReport,
  type RecordConsent,
} from '#app/standard';
import { NodeConfig } from '../config/node.config.js';
import { PseudonymService } from '../pseudonyms/pseudonym.service.js';
import { VaultService } from '../vault/vault.service.js';
import { CaseImportErrorCode, CaseImportException } from './case-import.exception.js';
import { CaseImportRepository, type KnownPerson } from './case-import.repository.js';
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

/** Accepted rows stored per round trip: one multi-row statement per table. */
const BATCH_ROWS = 500;

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
    private readonly repository: CaseImportRepository,
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
            // An import that stores nothing is a failed import, in either mode: the caller must not read it as done.
            if (next.value.accepted - tally.skippedOtherCountry === 0) {
              throw CaseImportException.aborted(CaseImportErrorCode.NOTHING_ACCEPTED, next.value);
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
        this.logger.warn({
          msg: 'import rolled back',
          code: error.problem.code,
          line: error.problem.line,
          rowsRead: error.report.rowsRead,
        });
        throw CaseImportException.aborted(CaseImportErrorCode.FILE_REJECTED, error.report);
      }
      if (error instanceof CaseImportException)
        this.logger.warn({ msg: 'import rolled back', code: error.code, rejected: error.report.rejected });
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
    const byRef = await this.repository.personsByRef(manager, [...new Set(cases.map((imported) => imported.personId))]);
    tally.personsMatched += byRef.size;
    await this.createPersons(
      manager,
      cases.filter((imported) => !byRef.has(imported.personId)),
      byRef,
      tally,
      now,
    );

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
    await this.repository.insertPersons(
      manager,
      people.map((person) => ({
        id: person.id,
        externalRef: person.ref,
        pseudonym: this.pseudonyms.pseudonymOf(person.id),
        statisticsConsentGivenOn: person.consent.statistics ? today : null,
        // International transmission only ever with statistical use (the table enforces it too).
        internationalConsentGivenOn: person.consent.statistics && person.consent.international ? today : null,
      })),
      now,
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
    const changed = await this.repository.upsertRegistrations(
      manager,
      rows.map(({ personId, imported, period }) => ({
        personId,
        registrationDate: imported.facts.registration.precision === 'day' ? imported.facts.registration.date : null,
        period,
        facts: imported.facts,
      })),
      now,
    );
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
