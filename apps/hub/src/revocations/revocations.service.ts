import { Injectable, Logger } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { DataSource, type EntityManager } from 'typeorm';
import { JwsTypes } from '@app/crypto';
import { isCountryCode, validateRevocation, type RevocationNotice } from '@app/standard';
import { HubKeyring } from '../keys/hub-keyring.js';
import { ReceiptStatus } from '../keys/receipt-status.js';
import { NodeSignatureVerifier } from '../nodes/node-signature.verifier.js';
import { RevisionsService } from '../revisions/revisions.service.js';
import { revocationPromise } from './revocation-promise.js';
import { RevocationEntity } from './revocation.entity.js';
import type { RevocationModel, RevocationReceiptModel } from './revocation.model.js';
import { RevocationsErrorCode, RevocationsException } from './revocations.exception.js';

const MAX_REPORTED_PROBLEMS = 200;

/** Intake of signed revocation notices (contract, section 2) and the ledger of those applied. */
@Injectable()
export class RevocationsService {
  private readonly logger = new Logger('Revocations');

  constructor(
    private readonly dataSource: DataSource,
    private readonly verifier: NodeSignatureVerifier,
    private readonly keyring: HubKeyring,
    private readonly revisions: RevisionsService,
  ) {}

  /** Erases every record of the named pseudonyms for the notice's country, all periods, in one transaction. */
  async submitRevocation(jws: string): Promise<RevocationReceiptModel> {
    const { signer, payload } = await this.verifier.verify(jws, JwsTypes.revocation);
    const replay = await receiptOf(this.dataSource.manager, payload['noticeId'], signer.nodeId);
    if (replay) return replay;
    const checked = validateRevocation(payload);
    if (!checked.ok) {
      const problems = checked.errors.slice(0, MAX_REPORTED_PROBLEMS).map(({ pointer, code, message }) => ({ pointer, code, message }));
      throw new RevocationsException(
        RevocationsErrorCode.INVALID_NOTICE,
        `The revocation notice violates the data standard (${checked.errors.length} problem(s)).`,
        [...new Set(problems.map((problem) => problem.pointer))],
        { problems, problemCount: checked.errors.length },
      );
    }
    const notice = checked.value;
    if (notice.nodeId !== signer.nodeId) {
      throw new RevocationsException(
        RevocationsErrorCode.NODE_MISMATCH,
        `The notice names node ${notice.nodeId} but is signed with a key of node ${signer.nodeId}.`,
        ['/nodeId'],
      );
    }
    if (!signer.countries.includes(notice.country)) {
      throw new RevocationsException(
        RevocationsErrorCode.COUNTRY_NOT_ALLOWED,
        `Node ${signer.nodeId} is not registered to report for ${notice.country}.`,
        ['/country'],
      );
    }
    const answer = await this.dataSource.transaction((manager) => this.apply(manager, notice));
    if (answer.status === ReceiptStatus.ACCEPTED) {
      this.logger.log({ msg: 'revocation applied', noticeId: notice.noticeId, nodeId: notice.nodeId, country: notice.country, erased: answer.erased });
    }
    return answer;
  }

  async ledger(country?: string): Promise<RevocationModel[]> {
    if (country !== undefined && !isCountryCode(country)) {
      throw new RevocationsException(
        RevocationsErrorCode.INVALID_COUNTRY,
        'Not a country code of the standard (Eurostat alpha-2: EL for Greece, UK).',
        ['country'],
      );
    }
    const entries = await this.dataSource.getRepository(RevocationEntity).find({
      where: country === undefined ? {} : { country },
      order: { receivedAt: 'DESC', noticeId: 'ASC' },
    });
    return entries.map(({ receipt: _receipt, ...entry }) => entry);
  }

  private async apply(manager: EntityManager, notice: RevocationNotice): Promise<RevocationReceiptModel> {
    // The lock returns of the country take too: an erasure never interleaves with a replacement of its records.
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`thb-country:${notice.country}`]);
    const replay = await receiptOf(manager, notice.noticeId, notice.nodeId);
    if (replay) return replay;
    const pseudonyms = [...new Set(notice.pseudonyms)];
    const erasedRows: { period: string; pseudonym: string }[] = await manager.query(
      // Through a CTE: the driver answers a bare DELETE ... RETURNING with [rows, count].
      `WITH gone AS (DELETE FROM hub_record WHERE country = $1 AND pseudonym = ANY($2::text[]) RETURNING period, pseudonym)
       SELECT period, pseudonym FROM gone`,
      [notice.country, pseudonyms],
    );
    const erased = erasedRows.length;
    const receivedAt = new Date();
    await this.revisions.recordChangedRecords(manager, notice.country, erasedRows, receivedAt);
    const receipt = await this.keyring.signReceipt(
      {
        kind: 'REVOCATION',
        messageId: notice.noticeId,
        nodeId: notice.nodeId,
        country: notice.country,
        erased,
        receivedAt: receivedAt.toISOString(),
        figuresPromise: revocationPromise(this.revisions.minChanges),
      },
      receivedAt,
    );
    await manager.insert(RevocationEntity, {
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

async function receiptOf(manager: EntityManager, noticeId: unknown, nodeId: string): Promise<RevocationReceiptModel | undefined> {
  if (typeof noticeId !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(noticeId)) {
    return undefined;
  }
  const applied = await manager.findOneBy(RevocationEntity, { noticeId: noticeId.toLowerCase() });
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

/** The promise as signed in the receipt (receipts of an older hub have none). */
function promiseOf(receipt: string): string | null {
  const payload = decodeJwt(receipt);
  return typeof payload['figuresPromise'] === 'string' ? payload['figuresPromise'] : null;
}
