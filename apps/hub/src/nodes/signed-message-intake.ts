import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isUuid } from '#app/common';
import type { JwsType } from '#app/crypto';
import type { ValidationError, ValidationResult } from '#app/standard';
import { NodeSignatureVerifier } from './node-signature.verifier.js';
import { NodesRepository } from './nodes.repository.js';

/** Enough problems to fix a message; a wholly broken one must not produce a megabyte of errors. */
export const MAX_REPORTED_PROBLEMS = 200;

/** Why intake refuses a message before applying it; each feature names these with its own codes. */
export type IntakeRefusal = 'INVALID' | 'NODE_MISMATCH' | 'COUNTRY_NOT_ALLOWED';

/** What every signed message names: its node and the country it reports for. */
export interface NodeMessage {
  readonly nodeId: string;
  readonly country: string;
}

/** How one kind of signed message is taken in (returns, revocation notices). */
export interface SignedMessageKind<Message extends NodeMessage, Prepared, Answer> {
  readonly jwsType: JwsType;
  /** The payload member holding the message id, by which a replay is recognised. */
  readonly idField: string;
  /** `return`, `notice`: how messages name it. */
  readonly noun: string;
  /** The standard's validator of the payload. */
  validate(payload: unknown): ValidationResult<Message>;
  /** Rules beyond the schema (refused as INVALID, like schema problems). */
  check?(message: Message, now: Date): readonly ValidationError[];
  /** Work done before the transaction (outside the country's lock), e.g. computing stored columns. */
  prepare(message: Message): Prepared;
  /** The answer given before, when this node's message with this id was taken already (throws if another node's). */
  replay(manager: EntityManager, messageId: string, nodeId: string): Promise<Answer | undefined>;
  /** Applies the message inside its transaction, the country's lock held. */
  apply(manager: EntityManager, message: Message, prepared: Prepared): Promise<Answer>;
  /** The feature's exception for a refusal. */
  refuse(refusal: IntakeRefusal, message: string, pointers: readonly string[], details?: Readonly<Record<string, unknown>>): Error;
}

export interface TakenMessage<Message, Answer> {
  readonly answer: Answer;
  /** The validated message; undefined when the answer is a replay of an earlier one. */
  readonly message: Message | undefined;
  readonly timings: { readonly verifyMs: number; readonly validateMs: number; readonly prepareMs: number; readonly storeMs: number };
}

/**
 * Intake of a signed node message (docs/ARCHITECTURE.md, contract): the signature is checked against the node's
 * registered key; a message already taken is answered with its first answer before any costly validation; the
 * payload is validated against the standard and must name the signing node and one of its countries; then it is
 * applied in one transaction holding the country's lock, so the messages of one country apply one at a time (a
 * revocation waits for a return being replaced, and back). Anything refused changes nothing.
 */
@Injectable()
export class SignedMessageIntake {
  constructor(
    private readonly dataSource: DataSource,
    private readonly verifier: NodeSignatureVerifier,
    private readonly nodes: NodesRepository,
  ) {}

  async take<Message extends NodeMessage, Prepared, Answer>(
    jws: string,
    kind: SignedMessageKind<Message, Prepared, Answer>,
    now = new Date(),
  ): Promise<TakenMessage<Message, Answer>> {
    const started = performance.now();
    const { signer, payload } = await this.verifier.verify(jws, kind.jwsType);
    const verifiedAt = performance.now();
    const messageId = payload[kind.idField];
    // A replay is answered before the (costly) validation; the signature already proved who sent it.
    const replay = isUuid(messageId) ? await kind.replay(this.dataSource.manager, messageId.toLowerCase(), signer.nodeId) : undefined;
    if (replay !== undefined)
      return {
        answer: replay,
        message: undefined,
        timings: { verifyMs: Math.round(verifiedAt - started), validateMs: 0, prepareMs: 0, storeMs: 0 },
      };

    const checked = kind.validate(payload);
    if (!checked.ok) throw invalid(kind, checked.errors);
    const message = checked.value;
    if (message.nodeId !== signer.nodeId) {
      throw kind.refuse(
        'NODE_MISMATCH',
        `The ${kind.noun} names node ${message.nodeId} but is signed with a key of node ${signer.nodeId}.`,
        ['/nodeId'],
      );
    }
    if (!signer.countries.includes(message.country)) {
      throw kind.refuse('COUNTRY_NOT_ALLOWED', `Node ${signer.nodeId} is not registered to report for ${message.country}.`, ['/country']);
    }
    const problems = kind.check?.(message, now) ?? [];
    if (problems.length > 0) throw invalid(kind, problems);
    const validatedAt = performance.now();
    const prepared = kind.prepare(message);
    const preparedAt = performance.now();

    const answer = await this.dataSource.transaction(async (manager) => {
      await this.nodes.lockCountryIntake(manager, message.country);
      const id = String(messageId).toLowerCase();
      return (await kind.replay(manager, id, message.nodeId)) ?? kind.apply(manager, message, prepared);
    });
    return {
      answer,
      message,
      timings: {
        verifyMs: Math.round(verifiedAt - started),
        validateMs: Math.round(validatedAt - verifiedAt),
        prepareMs: Math.round(preparedAt - validatedAt),
        storeMs: Math.round(performance.now() - preparedAt),
      },
    };
  }
}

function invalid<Message extends NodeMessage>(
  kind: SignedMessageKind<Message, unknown, unknown>,
  errors: readonly ValidationError[],
): Error {
  const problems = errors.slice(0, MAX_REPORTED_PROBLEMS).map(({ pointer, code, message }) => ({ pointer, code, message }));
  return kind.refuse(
    'INVALID',
    `The ${kind.noun} violates the data standard (${errors.length} problem${errors.length === 1 ? '' : 's'}).`,
    [...new Set(problems.map((problem) => problem.pointer))],
    { problems, problemCount: errors.length },
  );
}
