import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { JwsTypes } from '@app/crypto';
import { parsePeriod, tryParsePeriod, validateReturn, type QuarterlyReturn, type ValidationError } from '@app/standard';
import { HubKeyring } from '../keys/hub-keyring.js';
import { ReceiptStatus } from '../keys/receipt-status.js';
import { NodeSignatureVerifier } from '../nodes/node-signature.verifier.js';
import { NodesService } from '../nodes/nodes.service.js';
import { RevisionsService } from '../revisions/revisions.service.js';
import { recordColumns, type RecordColumns } from './record-columns.js';
import { returnTimingProblems } from './return-timing.js';
import type { SubmissionReceiptModel } from './submission-receipt.model.js';
import { ReportingState, type CountrySubmissionStatusModel, type SubmissionStatusModel } from './submission-status.model.js';
import { SubmissionsErrorCode, SubmissionsException } from './submissions.exception.js';
import { SubmissionsRepository } from './submissions.repository.js';

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
    private readonly repository: SubmissionsRepository,
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
    const replay = await this.receiptOf(this.dataSource.manager, payload['returnId'], signer.nodeId);
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
    const rows = await this.repository.latestSubmissions(periodText);
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
          state: row.acceptedCount > 1 ? ReportingState.REVISED : ReportingState.RECEIVED,
          revision: row.revision,
          returnId: row.returnId,
          receivedAt: row.receivedAt,
          recordCount: row.recordCount,
          withheld: row.withheld,
        };
      }),
    };
  }

  private async apply(manager: EntityManager, submitted: QuarterlyReturn, columns: RecordColumns): Promise<SubmissionReceiptModel> {
    // Serialises the messages of one country (revision check and replacement go together; a revocation waits).
    await this.repository.lockCountry(manager, submitted.country);
    const replay = await this.receiptOf(manager, submitted.returnId, submitted.nodeId);
    if (replay) return replay;
    const accepted = await this.repository.acceptedRevision(manager, submitted.country, submitted.period);
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
    await this.repository.insertSubmission(manager, {
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
    const period = parsePeriod(submitted.period);
    await this.repository.insertRecords(
      manager,
      {
        returnId: submitted.returnId,
        country: submitted.country,
        period: submitted.period,
        year: period.year,
        quarter: period.kind === 'quarter' ? period.quarter : null,
      },
      columns,
    );
    await this.revisions.recordReturn(manager, submitted, accepted !== null, receivedAt);
    if (accepted !== null) {
      await this.repository.deleteReplacedRecords(manager, submitted.country, submitted.period, submitted.returnId);
    }
    return { returnId: submitted.returnId, status: ReceiptStatus.ACCEPTED, receipt };
  }

  /** The stored receipt when this node's return with this id was accepted before. */
  private async receiptOf(manager: EntityManager, returnId: unknown, nodeId: string): Promise<SubmissionReceiptModel | undefined> {
    if (typeof returnId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(returnId)) {
      return undefined;
    }
    const accepted = await this.repository.findSubmission(manager, returnId.toLowerCase());
    if (!accepted) return undefined;
    if (accepted.nodeId !== nodeId) {
      throw new SubmissionsException(SubmissionsErrorCode.RETURN_ID_CONFLICT, 'This returnId belongs to a return of another node.', [
        '/returnId',
      ]);
    }
    return { returnId: accepted.returnId, status: ReceiptStatus.DUPLICATE, receipt: accepted.receipt };
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
