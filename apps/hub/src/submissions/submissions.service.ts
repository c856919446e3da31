import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MessageKind } from '#app/contract';
import { JwsTypes } from '#app/crypto';
import { formatPeriod, parsePeriod, validateReturn, type Period, type QuarterlyReturn } from '#app/standard';
import { HubKeyring } from '../keys/hub-keyring.js';
import { ReceiptStatus } from '../keys/receipt-status.js';
import { SignedMessageIntake, type IntakeRefusal, type SignedMessageKind } from '../nodes/signed-message-intake.js';
import { NodesService } from '../nodes/nodes.service.js';
import { RevisionsService } from '../revisions/revisions.service.js';
import { recordColumns, type RecordColumns } from './record-columns.js';
import { returnTimingProblems } from './return-timing.js';
import type { SubmissionReceiptModel } from './submission-receipt.model.js';
import { ReportingState, type CountrySubmissionStatusModel, type SubmissionStatusModel } from './submission-status.model.js';
import { SubmissionsErrorCode, SubmissionsException } from './submissions.exception.js';
import { SubmissionsRepository } from './submissions.repository.js';

const REFUSAL_CODES: Readonly<Record<IntakeRefusal, SubmissionsErrorCode>> = {
  INVALID: SubmissionsErrorCode.INVALID_RETURN,
  NODE_MISMATCH: SubmissionsErrorCode.NODE_MISMATCH,
  COUNTRY_NOT_ALLOWED: SubmissionsErrorCode.COUNTRY_NOT_ALLOWED,
};

/** Intake of signed quarterly returns (contract, section 1) and the reporting status per period. */
@Injectable()
export class SubmissionsService {
  private readonly logger = new Logger('Submissions');

  constructor(
    private readonly intake: SignedMessageIntake,
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
    const taken = await this.intake.take(jws, this.returns);
    const { answer, message: submitted } = taken;
    if (submitted !== undefined && answer.status === ReceiptStatus.ACCEPTED) {
      this.logger.log({
        msg: 'return accepted',
        returnId: submitted.returnId,
        nodeId: submitted.nodeId,
        country: submitted.country,
        period: submitted.period,
        revision: submitted.revision,
        recordCount: submitted.records.length,
        ...taken.timings,
      });
    }
    return answer;
  }

  /** How intake takes a return: validated, timed, its records' columns computed outside the country's lock. */
  private readonly returns: SignedMessageKind<QuarterlyReturn, RecordColumns, SubmissionReceiptModel> = {
    jwsType: JwsTypes.return,
    idField: 'returnId',
    noun: 'return',
    validate: validateReturn,
    check: (submitted, now) => returnTimingProblems(submitted, now),
    prepare: (submitted) => recordColumns(submitted.records, this.keyring.recordKeySecret),
    replay: (manager, returnId, nodeId) => this.receiptOf(manager, returnId, nodeId),
    apply: (manager, submitted, columns) => this.apply(manager, submitted, columns),
    refuse: (refusal, message, pointers, details) => new SubmissionsException(REFUSAL_CODES[refusal], message, pointers, details),
  };

  async status(period: Period): Promise<SubmissionStatusModel> {
    const periodText = formatPeriod(period);
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
            recordsInForce: null,
            withheld: null,
            confirmedZero: null,
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
          recordsInForce: row.recordsInForce,
          withheld: row.withheld,
          confirmedZero: row.confirmedZero,
        };
      }),
    };
  }

  private async apply(manager: EntityManager, submitted: QuarterlyReturn, columns: RecordColumns): Promise<SubmissionReceiptModel> {
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
        kind: MessageKind.RETURN,
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
      confirmedZero: submitted.confirmedZero === true,
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
  private async receiptOf(manager: EntityManager, returnId: string, nodeId: string): Promise<SubmissionReceiptModel | undefined> {
    const accepted = await this.repository.findSubmission(manager, returnId);
    if (!accepted) return undefined;
    if (accepted.nodeId !== nodeId) {
      throw new SubmissionsException(SubmissionsErrorCode.RETURN_ID_CONFLICT, 'This returnId belongs to a return of another node.', [
        '/returnId',
      ]);
    }
    return { returnId: accepted.returnId, status: ReceiptStatus.DUPLICATE, receipt: accepted.receipt };
  }
}
