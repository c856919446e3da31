import { Injectable, Logger } from '@nestjs/common';
import { decodeJwt } from 'jose';
import type { EntityManager } from 'typeorm';
import { MessageKind } from '#app/contract';
import { JwsTypes } from '#app/crypto';
import { isCountryCode, validateRevocation, type RevocationNotice } from '#app/standard';
import { HubKeyring } from '../keys/hub-keyring.js';
import { ReceiptStatus } from '../keys/receipt-status.js';
import { SignedMessageIntake, type IntakeRefusal, type SignedMessageKind } from '../nodes/signed-message-intake.js';
import { RevisionsService } from '../revisions/revisions.service.js';
import { revocationPromise } from './revocation-promise.js';
import type { RevocationModel, RevocationReceiptModel } from './revocation.model.js';
import { RevocationsErrorCode, RevocationsException } from './revocations.exception.js';
import { RevocationsRepository } from './revocations.repository.js';

const REFUSAL_CODES: Readonly<Record<IntakeRefusal, RevocationsErrorCode>> = {
  INVALID: RevocationsErrorCode.INVALID_NOTICE,
  NODE_MISMATCH: RevocationsErrorCode.NODE_MISMATCH,
  COUNTRY_NOT_ALLOWED: RevocationsErrorCode.COUNTRY_NOT_ALLOWED,
};

/** Intake of signed revocation notices (contract, section 2) and the ledger of those applied. */
@Injectable()
export class RevocationsService {
  private readonly logger = new Logger('Revocations');

  constructor(
    private readonly intake: SignedMessageIntake,
    private readonly repository: RevocationsRepository,
    private readonly keyring: HubKeyring,
    private readonly revisions: RevisionsService,
  ) {}

  /** Erases every record of the named pseudonyms for the notice's country, all periods, in one transaction. */
  async submitRevocation(jws: string): Promise<RevocationReceiptModel> {
    const { answer, message: notice } = await this.intake.take(jws, this.notices);
    if (notice !== undefined && answer.status === ReceiptStatus.ACCEPTED) {
      this.logger.log({
        msg: 'revocation applied',
        noticeId: notice.noticeId,
        nodeId: notice.nodeId,
        country: notice.country,
        erased: answer.erased,
      });
    }
    return answer;
  }

  /** How intake takes a revocation notice. */
  private readonly notices: SignedMessageKind<RevocationNotice, undefined, RevocationReceiptModel> = {
    jwsType: JwsTypes.revocation,
    idField: 'noticeId',
    noun: 'revocation notice',
    validate: validateRevocation,
    prepare: () => undefined,
    replay: (manager, noticeId, nodeId) => this.receiptOf(manager, noticeId, nodeId),
    apply: (manager, notice) => this.apply(manager, notice),
    refuse: (refusal, message, pointers, details) => new RevocationsException(REFUSAL_CODES[refusal], message, pointers, details),
  };

  async ledger(country?: string): Promise<RevocationModel[]> {
    if (country !== undefined && !isCountryCode(country)) {
      throw new RevocationsException(
        RevocationsErrorCode.INVALID_COUNTRY,
        'Not a country code of the standard (Eurostat alpha-2: EL for Greece, UK).',
        ['country'],
      );
    }
    const entries = await this.repository.ledger(country);
    return entries.map(({ receipt: _receipt, ...entry }) => entry);
  }

  private async receiptOf(manager: EntityManager, noticeId: string, nodeId: string): Promise<RevocationReceiptModel | undefined> {
    const applied = await this.repository.findRevocation(manager, noticeId);
    if (!applied) return undefined;
    if (applied.nodeId !== nodeId) {
      throw new RevocationsException(RevocationsErrorCode.NOTICE_ID_CONFLICT, 'This noticeId belongs to a notice of another node.', [
        '/noticeId',
      ]);
    }
    return {
      noticeId: applied.noticeId,
      status: ReceiptStatus.DUPLICATE,
      erased: applied.erased,
      receipt: applied.receipt,
      figuresPromise: promiseOf(applied.receipt),
    };
  }

  private async apply(manager: EntityManager, notice: RevocationNotice): Promise<RevocationReceiptModel> {
    const pseudonyms = [...new Set(notice.pseudonyms)];
    const erasedRows = await this.repository.eraseRecords(manager, notice.country, pseudonyms);
    const erased = erasedRows.length;
    const receivedAt = new Date();
    await this.revisions.recordChangedRecords(manager, notice.country, erasedRows, receivedAt);
    const receipt = await this.keyring.signReceipt(
      {
        kind: MessageKind.REVOCATION,
        messageId: notice.noticeId,
        nodeId: notice.nodeId,
        country: notice.country,
        erased,
        receivedAt: receivedAt.toISOString(),
        figuresPromise: revocationPromise(this.revisions.minChanges),
      },
      receivedAt,
    );
    await this.repository.insertRevocation(manager, {
      noticeId: notice.noticeId,
      nodeId: notice.nodeId,
      country: notice.country,
      pseudonymCount: pseudonyms.length,
      erased,
      issuedAt: new Date(notice.issuedAt),
      receivedAt,
      receipt,
    });
    return { noticeId: notice.noticeId, status: ReceiptStatus.ACCEPTED, erased, receipt, figuresPromise: promiseOf(receipt) };
  }
}

/** The promise as signed in the receipt (receipts of an older hub have none). */
function promiseOf(receipt: string): string | null {
  const payload = decodeJwt(receipt);
  return typeof payload['figuresPromise'] === 'string' ? payload['figuresPromise'] : null;
}
