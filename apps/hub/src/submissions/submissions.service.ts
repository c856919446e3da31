import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { JwsTypes } from '@app/crypto';
import { parsePeriod, tryParsePeriod, validateReturn, type QuarterlyReturn, type ValidationError } from '@app/standard';
import { HubKeyring } from '../keys/hub-keyring.js';
import { ReceiptStatus } from '../keys/receipt-status.js';
import { NodeSignatureVerifier } from '../nodes/node-signature.verifier.js';
import { NodesService } from '../nodes/nodes.service.js';
import { RevisionsService } from '../revisions/revisions.service.js';
import { recordColumns, sliceColumns, type RecordColumns } from './record-columns.js';
import { returnTimingProblems } from './return-timing.js';
import type { SubmissionReceiptModel } from './submission-receipt.model.js';
import { ReportingState, type CountrySubmissionStatusModel, type SubmissionStatusModel } from './submission-status.model.js';
import { SubmissionEntity } from './submission.entity.js';
import { SubmissionsErrorCode, SubmissionsException } from './submissions.exception.js';

/** Rows per INSERT (23 arrays of this length): measured a little faster than 20 000 on the embedded database. */
const INSERT_BATCH_ROWS = 5_000;
/** Enough problems to fix a return; a wholly broken return must not produce a megabyte of errors. */
const MAX_REPORTED_PROBLEMS = 200;

/** Intake of signed quarterly returns (contract, section 1) and the reporting status per period. */
@Injectable()
export class SubmissionsService {
  private readonly logger = new Logger('Submissions');

  constructor(
    private readonly dataSource: DataSource,
    private readonly verifier: NodeSignatureVerifier,
    private readonly keyring: HubKeyring,
    private readonly nodes: NodesService,
    private readonly revisions: RevisionsService,
  ) {}

  /**
   * Verifies, validates and applies a return in one transaction: a higher revision replaces the records of its
   * country and period; the same returnId again answers the first receipt; anything refused changes nothing.
   */
  async submitReturn(jws: string): Promise<SubmissionReceiptModel> {
    const started = performance.now();
    const { signer, payload } = await this.verifier.verify(jws, JwsTypes.return);
    const verifiedAt = performance.now();
    // A replay is answered before the (costly) validation; the signature already proved who sent it.
    const replay = await receiptOf(this.dataSource.manager, payload['returnId'], signer.nodeId);
    if (replay) return replay;

    const checked = validateReturn(payload);
    if (!checked.ok) throw invalidReturn(checked.errors);
    const submitted = checked.value;
    const validatedAt = performance.now();
    if (submitted.nodeId !== signer.nodeId) {
      throw new SubmissionsException(
        SubmissionsErrorCode.NODE_MISMATCH,
        `The return names node ${submitted.nodeId} but is signed with a key of node ${signer.nodeId}.`,
        ['/nodeId'],
      );
    }
    if (!signer.countries.includes(submitted.country)) {
      throw new SubmissionsException(
        SubmissionsErrorCode.COUNTRY_NOT_ALLOWED,
        `Node ${signer.nodeId} is not registered to report for ${submitted.country}.`,
        ['/country'],
      );
    }
    const timing = returnTimingProblems(submitted, new Date());
    if (timing.length > 0) throw invalidReturn(timing);
    const columns = recordColumns(submitted.records, this.keyring.recordKeySecret);
    const preparedAt = performance.now();

    const answer = await this.dataSource.transaction((manager) => this.apply(manager, submitted, columns));
    if (answer.status === ReceiptStatus.ACCEPTED) {
      this.logger.log({
        msg: 'return accepted',
        returnId: submitted.returnId,
        nodeId: submitted.nodeId,
        country: submitted.country,
        period: submitted.period,
        revision: submitted.revision,
        recordCount: submitted.records.length,
        verifyMs: Math.round(verifiedAt - started),
        validateMs: Math.round(validatedAt - verifiedAt),
        prepareMs: Math.round(preparedAt - validatedAt),
        storeMs: Math.round(performance.now() - preparedAt),
      });
    }
    return answer;
  }

  async status(periodText: string): Promise<SubmissionStatusModel> {
    const period = tryParsePeriod(periodText);
    if (period === undefined) {
      throw new SubmissionsException(SubmissionsErrorCode.INVALID_PERIOD, 'A period is written YYYY-Qn or YYYY.', ['period']);
    }
    const expected = await this.nodes.expectedCountries();
    const rows: {
      country: string;
      node_id: string;
      return_id: string;
      revision: number;
      received_at: Date;
      record_count: number;
      withheld: number;
      accepted: string;
    }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (country) country, node_id, return_id, revision, received_at, record_count,
              withheld_no_consent + withheld_invalid AS withheld, count(*) OVER (PARTITION BY country) AS accepted
         FROM hub_submission WHERE period = $1 ORDER BY country, revision DESC`,
      [periodText],
    );
    const received = new Map(rows.map((row) => [row.country, row]));
    const countries = [...new Set([...expected.keys(), ...received.keys()])].sort();
    return {
      period: periodText,
      countries: countries.map((country): CountrySubmissionStatusModel => {
        const row = received.get(country);
        if (!row) {
          return {
            country,
            nodeId: expected.get(country) ?? null,
            state: ReportingState.MISSING,
            revision: null,
            returnId: null,
            receivedAt: null,
            recordCount: null,
            withheld: null,
          };
        }
        return {
          country,
          nodeId: expected.get(country) ?? null,
          state: Number(row.accepted) > 1 ? ReportingState.REVISED : ReportingState.RECEIVED,
          revision: row.revision,
          returnId: row.return_id,
          receivedAt: row.received_at,
          recordCount: row.record_count,
          withheld: row.withheld,
        };
      }),
    };
  }

  private async apply(manager: EntityManager, submitted: QuarterlyReturn, columns: RecordColumns): Promise<SubmissionReceiptModel> {
    // Serialises the messages of one country (revision check and replacement go together; a revocation waits).
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`thb-country:${submitted.country}`]);
    const replay = await receiptOf(manager, submitted.returnId, submitted.nodeId);
    if (replay) return replay;
    const [{ accepted }]: { accepted: number | null }[] = await manager.query(
      'SELECT max(revision) AS accepted FROM hub_submission WHERE country = $1 AND period = $2',
      [submitted.country, submitted.period],
    );
    if (accepted !== null && accepted >= submitted.revision) {
      throw new SubmissionsException(
        SubmissionsErrorCode.STALE_REVISION,
        `Revision ${submitted.revision} of ${submitted.country} ${submitted.period} is not above the accepted revision ${accepted}.`,
        ['/revision'],
        { acceptedRevision: accepted },
      );
    }
    const receivedAt = new Date();
    const receipt = await this.keyring.signReceipt(
      {
        kind: 'RETURN',
        messageId: submitted.returnId,
        nodeId: submitted.nodeId,
        country: submitted.country,
        period: submitted.period,
        revision: submitted.revision,
        recordCount: submitted.records.length,
        receivedAt: receivedAt.toISOString(),
      },
      receivedAt,
    );
    // The return's notes are deliberately not stored: free text has no place at the hub.
    await manager.insert(SubmissionEntity, {
      returnId: submitted.returnId,
      nodeId: submitted.nodeId,
      country: submitted.country,
      period: submitted.period,
      revision: submitted.revision,
      standardVersion: submitted.standardVersion,
      recordCount: submitted.records.length,
      withheldNoConsent: submitted.withheld.noConsent,
      withheldInvalid: submitted.withheld.invalid,
      generatedAt: new Date(submitted.generatedAt),
      receivedAt,
      receipt,
    });
    // The new records go in beside the ones they replace, so that the revision policy can count who changed.
    await insertRecords(manager, submitted, columns);
    await this.revisions.recordReturn(manager, submitted, accepted !== null, receivedAt);
    if (accepted !== null) {
      await manager.query('DELETE FROM hub_record WHERE country = $1 AND period = $2 AND return_id <> $3', [
        submitted.country,
        submitted.period,
        submitted.returnId,
      ]);
    }
    return { returnId: submitted.returnId, status: ReceiptStatus.ACCEPTED, receipt };
  }
}

/** The stored receipt when this node's return with this id was accepted before. */
async function receiptOf(manager: EntityManager, returnId: unknown, nodeId: string): Promise<SubmissionReceiptModel | undefined> {
  if (typeof returnId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(returnId)) {
    return undefined;
  }
  const accepted = await manager.findOneBy(SubmissionEntity, { returnId: returnId.toLowerCase() });
  if (!accepted) return undefined;
  if (accepted.nodeId !== nodeId) {
    throw new SubmissionsException(SubmissionsErrorCode.RETURN_ID_CONFLICT, 'This returnId belongs to a return of another node.', [
      '/returnId',
    ]);
  }
  return { returnId: accepted.returnId, status: ReceiptStatus.DUPLICATE, receipt: accepted.receipt };
}

async function insertRecords(manager: EntityManager, submitted: QuarterlyReturn, columns: RecordColumns): Promise<void> {
  const period = parsePeriod(submitted.period);
  const quarter = period.kind === 'quarter' ? period.quarter : null;
  for (let from = 0; from < columns.pseudonym.length; from += INSERT_BATCH_ROWS) {
    const batch = sliceColumns(columns, from, from + INSERT_BATCH_ROWS);
    await manager.query(
      `INSERT INTO hub_record (return_id, country, period, year, quarter, pseudonym, legal_status, sex, age_group,
              citizenship, exploitation, labour_sector, registering_organisation, cross_border, residence_permit,
              reflection_period, assistance, assistance_conditional, compensation, returned, age_detailed, age_class,
              citizen, reg_org, permit, compens, return_code, record_key)
       SELECT $1, $2, $3, $4, $5, r.pseudonym, r.legal_status, r.sex, r.age_group, r.citizenship,
              string_to_array(r.exploitation, ','), r.labour_sector, r.registering_organisation, r.cross_border,
              r.residence_permit, r.reflection_period, r.assistance, r.assistance_conditional, r.compensation,
              r.returned, r.age_detailed, r.age_class, r.citizen, r.reg_org, r.permit, r.compens, r.return_code,
              r.record_key
         FROM unnest($6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[],
                     $13::text[], $14::text[], $15::text[], $16::integer[], $17::boolean[], $18::boolean[],
                     $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::text[],
                     $26::text[], $27::text[], $28::bigint[])
           AS r(pseudonym, legal_status, sex, age_group, citizenship, exploitation, labour_sector,
                registering_organisation, cross_border, residence_permit, reflection_period, assistance,
                assistance_conditional, compensation, returned, age_detailed, age_class, citizen, reg_org, permit,
                compens, return_code, record_key)`,
      [
        submitted.returnId,
        submitted.country,
        submitted.period,
        period.year,
        quarter,
        batch.pseudonym,
        batch.legalStatus,
        batch.sex,
        batch.ageGroup,
        batch.citizenship,
        batch.exploitation,
        batch.labourSector,
        batch.registeringOrganisation,
        batch.crossBorder,
        batch.residencePermit,
        batch.reflectionPeriod,
        batch.assistance,
        batch.assistanceConditional,
        batch.compensation,
        batch.returned,
        batch.ageDetailed,
        batch.ageClass,
        batch.citizen,
        batch.regOrg,
        batch.permit,
        batch.compens,
        batch.returnCode,
        batch.recordKey,
      ],
    );
  }
}

function invalidReturn(errors: readonly ValidationError[]): SubmissionsException {
  const problems = errors.slice(0, MAX_REPORTED_PROBLEMS).map(({ pointer, code, message }) => ({ pointer, code, message }));
  return new SubmissionsException(
    SubmissionsErrorCode.INVALID_RETURN,
    `The return violates the data standard (${errors.length} problem${errors.length === 1 ? '' : 's'}).`,
    [...new Set(problems.map((problem) => problem.pointer))],
    { problems, problemCount: errors.length },
  );
}
