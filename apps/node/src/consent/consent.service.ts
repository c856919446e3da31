import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JwsTypes, signJws } from '#app/crypto';
import { calendarDayOf, STANDARD_VERSION, validateRevocation, type RevocationNotice } from '#app/standard';
import type { NodeActor } from '../access/node-actor.js';
import { pageWindow } from '#app/platform';
import { draftConsent } from '../persons/consent-draft.js';
import type { ConsentInput } from '../persons/dto/consent.input.js';
import type { PersonModel } from '../persons/person.model.js';
import { PersonsService } from '../persons/persons.service.js';
import { NodeConfig } from '../config/node.config.js';
import { NodeKeyring } from '../keys/node-keyring.js';
import { OutboxDeliveryService } from '../outbox/outbox-delivery.service.js';
import { OutboxKind, OutboxState } from '../outbox/outbox-state.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { VaultService } from '../vault/vault.service.js';
import { ConsentErrorCode, ConsentException } from './consent.exception.js';
import { ConsentRepository } from './consent.repository.js';
import type { RevocationsArgs } from './dto/revocations.args.js';
import { RevocationEntity } from './revocation.entity.js';
import { RevocationState, type RevocationModel } from './revocation.model.js';

const revocationStateOf: Readonly<Record<OutboxState, RevocationState>> = {
  [OutboxState.PENDING]: RevocationState.QUEUED,
  [OutboxState.SENDING]: RevocationState.QUEUED,
  [OutboxState.DELIVERED]: RevocationState.DELIVERED,
  [OutboxState.RECEIPTED]: RevocationState.RECEIPTED,
  [OutboxState.REJECTED]: RevocationState.REJECTED,
};
const OUTBOX_STATES = Object.values(OutboxState);

/** Consent and its revocation, for data stewards. */
@Injectable()
export class ConsentService implements OnModuleInit {
  private readonly logger = new Logger('Consent');

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ConsentRepository,
    private readonly config: NodeConfig,
    private readonly keyring: NodeKeyring,
    private readonly vault: VaultService,
    private readonly persons: PersonsService,
    private readonly outbox: OutboxService,
    private readonly delivery: OutboxDeliveryService,
  ) {}

  onModuleInit(): void {
    // The hub's verified receipt says how many records it erased; kept with the revocation.
    this.outbox.registerReceiptHandler(OutboxKind.REVOCATION, async (manager, messageId, receipt) => {
      await this.repository.recordReceipt(manager, messageId, {
        erased: receipt.erased ?? null,
        figuresPromise: receipt.figuresPromise ?? null,
        receiptedAt: receipt.receiptedAt,
      });
    });
  }

  /** Records consent given (statistical use, international transmission). Withdrawal of international consent is a revocation. */
  async recordConsent(actor: NodeActor, personId: string, input: ConsentInput): Promise<PersonModel> {
    const now = new Date();
    const consent = draftConsent(input, calendarDayOf(now), 'input');
    if (!consent.ok) throw ConsentException.invalidInput(consent.problems);
    const person = await this.persons.find(personId, 'personId');
    if (person.revokedAt !== null)
      throw new ConsentException(ConsentErrorCode.ALREADY_REVOKED, 'This person revoked consent for good.', ['personId']);
    if (person.internationalConsentGivenOn !== null && !input.international) {
      throw new ConsentException(
        ConsentErrorCode.WITHDRAWAL_REQUIRES_REVOCATION,
        'Withdrawing consent to international transmission is a revocation: use revokeConsent.',
        ['input.international'],
      );
    }
    // A consent already in force keeps the day it was first given.
    person.statisticsConsentGivenOn = input.statistics ? (person.statisticsConsentGivenOn ?? consent.value.statisticsGivenOn) : null;
    person.internationalConsentGivenOn = input.international
      ? (person.internationalConsentGivenOn ?? consent.value.internationalGivenOn)
      : null;
    person.updatedAt = now;
    await this.persons.saveConsent(person);
    this.logger.log({
      msg: 'consent recorded',
      personId: person.id,
      statistics: input.statistics,
      international: input.international,
      by: actor.subject,
    });
    return this.persons.modelOf(person);
  }

  /**
   * Revokes a person's consent for good, in one transaction: the person is marked revoked (so no later return includes
   * them), their identity key is destroyed, and a signed notice naming their pseudonym is queued for the hub.
   */
  async revokeConsent(actor: NodeActor, personId: string): Promise<RevocationModel> {
    const revocation = await this.dataSource.transaction(async (manager) => {
      await this.outbox.lockQueue(manager);
      const person = await this.persons.findForUpdate(manager, personId, 'personId');
      if (person.revokedAt !== null)
        throw new ConsentException(ConsentErrorCode.ALREADY_REVOKED, 'This person revoked consent already.', ['personId']);
      const now = new Date();
      await this.persons.markRevoked(manager, person.id, now);
      await this.vault.shred(manager, person.id, now);
      const notice: RevocationNotice = {
        standardVersion: STANDARD_VERSION,
        noticeId: randomUUID(),
        nodeId: this.config.nodeId,
        country: this.config.country as RevocationNotice['country'],
        pseudonyms: [person.pseudonym],
        issuedAt: now.toISOString(),
      };
      const checked = validateRevocation(notice);
      if (!checked.ok) throw new Error(`the node built an invalid revocation notice (${checked.errors[0]?.code ?? 'INVALID'})`);
      const jws = await signJws(notice, this.keyring.signingKey, { typ: JwsTypes.revocation, issuedAt: now });
      await this.outbox.enqueue(manager, { id: notice.noticeId, kind: OutboxKind.REVOCATION, payload: jws }, now);
      const row: RevocationEntity = Object.assign(new RevocationEntity(), {
        id: notice.noticeId,
        personId: person.id,
        pseudonym: person.pseudonym,
        revokedAt: now,
        revokedBy: actor.subject,
        erased: null,
        figuresPromise: null,
        receiptedAt: null,
      });
      await this.repository.insertRevocation(manager, row);
      return row;
    });
    this.delivery.wake();
    this.logger.log({ msg: 'consent revoked', personId: revocation.personId, noticeId: revocation.id, by: actor.subject });
    return this.toModel(revocation, { state: OutboxState.PENDING, attempts: 0, lastErrorCode: null });
  }

  async revocations(_actor: NodeActor, args: RevocationsArgs): Promise<RevocationModel[]> {
    const window = pageWindow(args);
    const wanted = args.states !== undefined && args.states !== null && args.states.length > 0 ? new Set(args.states) : undefined;
    const outboxStates = wanted === undefined ? undefined : OUTBOX_STATES.filter((state) => wanted.has(revocationStateOf[state]));
    const listed = await this.repository.list(outboxStates, window);
    return listed.map(({ revocation, delivery }) => this.toModel(revocation, delivery));
  }

  private toModel(
    revocation: RevocationEntity,
    delivery: { state: OutboxState; attempts: number; lastErrorCode: string | null },
  ): RevocationModel {
    return {
      id: revocation.id,
      personId: revocation.personId,
      pseudonym: revocation.pseudonym,
      revokedAt: revocation.revokedAt,
      state: revocationStateOf[delivery.state],
      attempts: delivery.attempts,
      lastErrorCode: delivery.lastErrorCode,
      erased: revocation.erased,
      figuresPromise: revocation.figuresPromise,
      receiptedAt: revocation.receiptedAt,
    };
  }
}
