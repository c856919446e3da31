import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { DataSource } from 'typeorm';
import { JwsTypes, signJws } from '#app/crypto';
import { pageWindow } from '#app/platform';
import { calendarDayOf, formatPeriod, periodStart, validateReturn, type Period, type QuarterlyReturn } from '#app/standard';
import type { NodeActor } from '../access/node-actor.js';
import { NodeConfig } from '../config/node.config.js';
import { NodeKeyring } from '../keys/node-keyring.js';
import { OutboxDeliveryService } from '../outbox/outbox-delivery.service.js';
import { OutboxKind, OutboxState } from '../outbox/outbox-state.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { ReturnsArgs } from './dto/returns.args.js';
import type { ReturnPreviewModel, SubmittedReturnModel } from './quarterly-return.model.js';
import { QuarterlyReturnEntity } from './quarterly-return.entity.js';
import { buildQuarterlyReturn } from './return-builder.js';
import { previewFigures, type PreviewDatasetFigures } from './return-preview.js';
import { ReturnsErrorCode, ReturnsException } from './returns.exception.js';
import { ReturnsRepository, type ReturnDelivery } from './returns.repository.js';

/** Stands in for the returnId of a return that is only previewed, never signed. */
const PREVIEW_RETURN_ID = '00000000-0000-4000-8000-000000000000';

/** The figures of a signed revision, as its preview showed them. */
export interface SubmittedFigures {
  readonly revision: number;
  readonly datasets: readonly PreviewDatasetFigures[];
}

/** Quarterly returns: preview, sign and queue for the hub, list. */
@Injectable()
export class ReturnsService {
  private readonly logger = new Logger('Returns');

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ReturnsRepository,
    private readonly config: NodeConfig,
    private readonly keyring: NodeKeyring,
    private readonly outbox: OutboxService,
    private readonly delivery: OutboxDeliveryService,
  ) {}

  async preview(_actor: NodeActor, wanted: Period): Promise<ReturnPreviewModel> {
    const period = reportablePeriod(wanted, this.config.firstPeriod, new Date());
    const manager = this.dataSource.manager;
    const rows = await this.repository.sourceRows(manager, period);
    const built = buildQuarterlyReturn(rows, {
      returnId: PREVIEW_RETURN_ID,
      nodeId: this.config.nodeId,
      country: this.config.country,
      period,
      revision: await this.repository.nextRevision(manager, period),
      generatedAt: new Date(),
    });
    return {
      period,
      nextRevision: built.revision,
      recordCount: built.records.length,
      withheld: { ...built.withheld },
      needsZeroConfirmation: rows.length === 0 && !(await this.repository.hadRegistrations(manager, period)),
      threshold: this.config.disclosureThreshold,
      datasets: previewFigures(built.records, this.config.disclosureThreshold).map((dataset) => ({
        id: dataset.id,
        title: dataset.title,
        dimensions: [...dataset.dimensions],
        cells: dataset.cells.map((cell) => ({ ...cell, coordinates: [...cell.coordinates] })),
      })),
    };
  }

  /**
   * Builds the period's return, signs it (JWS, EdDSA, the node's kid) and queues it for the hub, all in one
   * transaction: a return is either signed and queued or not at all. Each submission of a period gets the next revision.
   * A period this node has never had a registration in is published as a true zero, so it goes only with `confirmZero`
   * (a typo'd period is refused instead of writing a false zero into every later release).
   */
  async submit(actor: NodeActor, wanted: Period, confirmZero = false): Promise<SubmittedReturnModel> {
    const period = reportablePeriod(wanted, this.config.firstPeriod, new Date());
    const saved = await this.dataSource.transaction(async (manager) => {
      await this.outbox.lockQueue(manager);
      const generatedAt = new Date();
      const rows = await this.repository.sourceRows(manager, period);
      if (confirmZero && rows.length > 0) {
        throw new ReturnsException(
          ReturnsErrorCode.NOT_A_ZERO,
          `The period has ${rows.length} registration(s) at this node; confirmZero states that it has none.`,
          ['confirmZero'],
        );
      }
      if (!confirmZero && rows.length === 0 && !(await this.repository.hadRegistrations(manager, period))) {
        throw new ReturnsException(
          ReturnsErrorCode.ZERO_NOT_CONFIRMED,
          'This node has never had a registration in the period. Check the period; if the country truly had none, submit with confirmZero: true to publish a true zero.',
          ['period'],
        );
      }
      const built = buildQuarterlyReturn(rows, {
        returnId: randomUUID(),
        nodeId: this.config.nodeId,
        country: this.config.country,
        period,
        revision: await this.repository.nextRevision(manager, period),
        generatedAt,
        confirmedZero: confirmZero,
      });
      assertValidReturn(built);
      const jws = await signJws(built, this.keyring.signingKey, { typ: JwsTypes.return, issuedAt: generatedAt });
      await this.outbox.enqueue(manager, { id: built.returnId, kind: OutboxKind.RETURN, payload: jws }, generatedAt);
      const row: QuarterlyReturnEntity = Object.assign(new QuarterlyReturnEntity(), {
        id: built.returnId,
        period,
        revision: built.revision,
        generatedAt,
        recordCount: built.records.length,
        withheldNoConsent: built.withheld.noConsent,
        withheldInvalid: built.withheld.invalid,
        confirmedZero: built.confirmedZero === true,
        submittedBy: actor.subject,
      });
      await this.repository.insert(manager, row);
      return row;
    });
    this.delivery.wake();
    this.logger.log({
      msg: 'return signed and queued',
      returnId: saved.id,
      period,
      revision: saved.revision,
      records: saved.recordCount,
      withheldNoConsent: saved.withheldNoConsent,
      withheldInvalid: saved.withheldInvalid,
      confirmedZero: saved.confirmedZero,
      by: actor.subject,
    });
    return toSubmittedReturnModel(saved, {
      state: OutboxState.PENDING,
      attempts: 0,
      lastErrorCode: null,
      hubStatus: null,
      deliveredAt: null,
      nextAttemptAt: saved.generatedAt,
    });
  }

  /**
   * The figures of the period's latest signed return, computed as its preview was (the same protection), so that the
   * rapporteur can see what a new revision would change; undefined before the first submission.
   */
  async latestSubmittedFigures(_actor: NodeActor, wanted: Period): Promise<SubmittedFigures | undefined> {
    const signed = await this.repository.latestSignedReturn(formatPeriod(wanted));
    if (signed === undefined) return undefined;
    // The node's own message, signed and stored in one transaction with this row: read, not verified again.
    const submitted = decodeJwt(signed.jws) as unknown as QuarterlyReturn;
    return { revision: signed.revision, datasets: previewFigures(submitted.records, this.config.disclosureThreshold) };
  }

  async list(_actor: NodeActor, args: ReturnsArgs): Promise<SubmittedReturnModel[]> {
    const window = pageWindow(args);
    const period = args.period ? formatPeriod(args.period) : null;
    return (await this.repository.list(period, window)).map(({ saved, delivery }) => toSubmittedReturnModel(saved, delivery));
  }
}

/**
 * The period's canonical text, once it has begun (nothing can have been registered in a later one) and not before
 * the node's first reporting period (an empty return there would be published as a true zero).
 */
function reportablePeriod(period: Period, firstPeriod: Period, now: Date): string {
  if (periodStart(period) < periodStart(firstPeriod)) {
    throw new ReturnsException(
      ReturnsErrorCode.PERIOD_TOO_EARLY,
      `The period is before this node's first reporting period, ${formatPeriod(firstPeriod)} (NODE_FIRST_PERIOD).`,
      ['period'],
    );
  }
  if (periodStart(period) > calendarDayOf(now)) {
    throw new ReturnsException(ReturnsErrorCode.PERIOD_NOT_STARTED, 'The period has not begun yet.', ['period']);
  }
  return formatPeriod(period);
}

/** The node built the return itself; a failure here is a bug, reported without any record content. */
function assertValidReturn(built: QuarterlyReturn): void {
  const checked = validateReturn(built);
  if (!checked.ok) {
    const first = checked.errors[0];
    throw new Error(`the node built an invalid return (${first?.code ?? 'INVALID'} at ${first?.pointer ?? ''})`);
  }
}

function toSubmittedReturnModel(row: QuarterlyReturnEntity, delivery: ReturnDelivery): SubmittedReturnModel {
  return {
    returnId: row.id,
    period: row.period,
    revision: row.revision,
    generatedAt: row.generatedAt,
    recordCount: row.recordCount,
    withheld: { noConsent: row.withheldNoConsent, invalid: row.withheldInvalid },
    confirmedZero: row.confirmedZero,
    state: delivery.state,
    attempts: delivery.attempts,
    lastErrorCode: delivery.lastErrorCode,
    hubStatus: delivery.hubStatus,
    deliveredAt: delivery.deliveredAt,
    nextAttemptAt: delivery.nextAttemptAt,
  };
}
