import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import {
  CryptoException,
  deriveHubKeys,
  JwsTypes,
  signingKeyToJwk,
  signJws,
  verifyJws,
  type JwsSigningKey,
  type MasterSecret,
  type PublicSigningJwk,
} from '#app/crypto';
import { ContractRefusalCode, MessageKind, messageKindOfField, receiptClaims, type ReceiptPayload } from '#app/contract';
import { validateReturn, validateRevocation } from '#app/standard';
import { parse, type OperationDefinitionNode } from 'graphql';
import { revocationPromise } from '../../apps/hub/src/revocations/revocation-promise.js';

/**
 * How the test hub signs the receipts it answers with: with its own key, or (as a man in the middle would) with a key
 * that is not the hub's while claiming the hub's kid. The hub keeps the genuine receipt either way, so a later
 * DUPLICATE answer in GENUINE mode carries the genuine one.
 */
export type TestHubReceipts = 'GENUINE' | 'FORGED';

interface AcceptedMessage {
  readonly answer: Record<string, unknown>;
}

/** A return the test hub holds, as the real hub would keep it per country and period. */
export interface HeldReturn {
  readonly returnId: string;
  readonly revision: number;
  readonly records: ReadonlyArray<Record<string, unknown>>;
}

/**
 * A small real hub for node tests, implementing the node<->hub contract over HTTP: it verifies the node's JWS with
 * libs/crypto against the node's registered public JWK, validates payloads with libs/standard, is idempotent by
 * returnId/noticeId, erases revoked pseudonyms, and answers receipts signed with its own Ed25519 key. It records every
 * request body it receives, so tests can look for identities in everything a node sent.
 */
export class NodeTestHub {
  /** Every HTTP request body received, in order, exactly as sent. */
  readonly bodies: string[] = [];
  /** ACCEPTED answers given (a DUPLICATE is not counted): exactly-once delivery shows here. */
  readonly accepted: Array<{ kind: MessageKind; messageId: string }> = [];
  /** Current records per period (latest accepted revision, revocations applied). */
  readonly held = new Map<string, HeldReturn>();
  receipts: TestHubReceipts = 'GENUINE';

  private readonly answered = new Map<string, AcceptedMessage>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;

  private constructor(
    private readonly nodeKeys: Map<string, PublicSigningJwk>,
    private readonly nodeId: string,
    private readonly country: string,
    private readonly signing: JwsSigningKey,
    private readonly forger: JwsSigningKey,
    readonly publicJwk: PublicSigningJwk,
    readonly jwksFile: string,
    private port: number,
  ) {}

  /** Starts on a free port and writes the hub's JWKS to `<dir>/hub-jwks.json` (the node's HUB_JWKS_FILE). */
  static async start(options: { dir: string; nodeId: string; country: string; port?: number }): Promise<NodeTestHub> {
    const genuine = await signingKeyOf(randomBytes(32) as unknown as MasterSecret);
    const attacker = await signingKeyOf(randomBytes(32) as unknown as MasterSecret);
    // The forger claims the hub's kid, so only the signature itself can give it away.
    const forger: JwsSigningKey = { privateJwk: { ...attacker.privateJwk, kid: genuine.kid }, kid: genuine.kid };
    const jwksFile = join(options.dir, 'hub-jwks.json');
    await writeFile(jwksFile, JSON.stringify({ keys: [genuine.publicJwk] }));
    const hub = new NodeTestHub(
      new Map(),
      options.nodeId,
      options.country,
      { privateJwk: genuine.privateJwk, kid: genuine.kid },
      forger,
      genuine.publicJwk,
      jwksFile,
      options.port ?? 0,
    );
    await hub.listen();
    return hub;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Registers the node's public key (what `registerNode` does at the real hub). */
  registerNode(publicJwk: PublicSigningJwk): void {
    this.nodeKeys.set(publicJwk.kid, publicJwk);
  }

  /** Stops answering: the port is closed and open connections are cut. */
  async goDown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port. */
  async comeBack(): Promise<void> {
    await this.listen();
  }

  async stop(): Promise<void> {
    await this.goDown();
  }

  private async listen(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'GET' && request.url === '/.well-known/jwks.json') {
      return reply(response, 200, { keys: [this.publicJwk] });
    }
    if (request.method !== 'POST' || request.url !== '/graphql') return reply(response, 404, { error: 'not found' });
    const body = await readBody(request);
    this.bodies.push(body);
    let query = '';
    let jws: unknown;
    try {
      const parsed = JSON.parse(body) as { query?: unknown; variables?: { jws?: unknown } };
      query = typeof parsed.query === 'string' ? parsed.query : '';
      jws = parsed.variables?.jws;
    } catch {
      return reply(response, 400, graphQLError('BAD_REQUEST'));
    }
    if (typeof jws !== 'string') return reply(response, 200, graphQLError('BAD_USER_INPUT'));
    const field = mutationFieldOf(query);
    const kind = field === undefined ? undefined : messageKindOfField(field);
    if (field === undefined || kind === undefined) return reply(response, 200, graphQLError('GRAPHQL_VALIDATION_FAILED'));
    try {
      const answer = kind === MessageKind.RETURN ? await this.submitReturn(jws) : await this.submitRevocation(jws);
      return reply(response, 200, { data: { [field]: await this.asSigned(answer) } });
    } catch (error) {
      if (error instanceof HubRefusal || error instanceof CryptoException) return reply(response, 200, graphQLError(error.code));
      return reply(response, 500, graphQLError('INTERNAL_SERVER_ERROR'));
    }
  }

  private async submitReturn(jws: string): Promise<Record<string, unknown>> {
    const { payload } = await verifyJws(jws, (kid) => this.nodeKeys.get(kid), { typ: JwsTypes.return });
    const checked = validateReturn(payload);
    if (!checked.ok) throw new HubRefusal(ContractRefusalCode.INVALID_RETURN);
    const submitted = checked.value;
    if (submitted.nodeId !== this.nodeId) throw new HubRefusal(ContractRefusalCode.NODE_MISMATCH);
    if (submitted.country !== this.country) throw new HubRefusal(ContractRefusalCode.COUNTRY_NOT_ALLOWED);
    const earlier = this.answered.get(submitted.returnId);
    if (earlier !== undefined) return { ...earlier.answer, status: 'DUPLICATE' };
    const current = this.held.get(submitted.period);
    if (current !== undefined && submitted.revision <= current.revision) throw new HubRefusal(ContractRefusalCode.STALE_REVISION);
    this.held.set(submitted.period, {
      returnId: submitted.returnId,
      revision: submitted.revision,
      records: submitted.records.map((record) => ({ ...record })),
    });
    const receipt = await this.sign({
      kind: MessageKind.RETURN,
      messageId: submitted.returnId,
      nodeId: submitted.nodeId,
      country: submitted.country,
      period: submitted.period,
      revision: submitted.revision,
      recordCount: submitted.records.length,
      receivedAt: new Date().toISOString(),
    });
    const answer = { returnId: submitted.returnId, status: 'ACCEPTED', receipt };
    this.answered.set(submitted.returnId, { answer });
    this.accepted.push({ kind: MessageKind.RETURN, messageId: submitted.returnId });
    return answer;
  }

  private async submitRevocation(jws: string): Promise<Record<string, unknown>> {
    const { payload } = await verifyJws(jws, (kid) => this.nodeKeys.get(kid), { typ: JwsTypes.revocation });
    const checked = validateRevocation(payload);
    if (!checked.ok) throw new HubRefusal(ContractRefusalCode.INVALID_NOTICE);
    const notice = checked.value;
    if (notice.nodeId !== this.nodeId) throw new HubRefusal(ContractRefusalCode.NODE_MISMATCH);
    if (notice.country !== this.country) throw new HubRefusal(ContractRefusalCode.COUNTRY_NOT_ALLOWED);
    const earlier = this.answered.get(notice.noticeId);
    if (earlier !== undefined) return { ...earlier.answer, status: 'DUPLICATE' };
    const revoked = new Set(notice.pseudonyms);
    let erased = 0;
    for (const [period, held] of this.held) {
      const kept = held.records.filter((record) => !revoked.has(String(record['pseudonym'])));
      erased += held.records.length - kept.length;
      this.held.set(period, { ...held, records: kept });
    }
    const receipt = await this.sign({
      kind: MessageKind.REVOCATION,
      messageId: notice.noticeId,
      nodeId: notice.nodeId,
      country: notice.country,
      erased,
      receivedAt: new Date().toISOString(),
      // Worded by the hub's own function, so that the node shows exactly what a real hub signs.
      figuresPromise: revocationPromise(5),
    });
    const answer = { noticeId: notice.noticeId, status: 'ACCEPTED', erased, receipt };
    this.answered.set(notice.noticeId, { answer });
    this.accepted.push({ kind: MessageKind.REVOCATION, messageId: notice.noticeId });
    return answer;
  }

  private sign(payload: ReceiptPayload): Promise<string> {
    return signJws(receiptClaims(payload), this.signing, { typ: JwsTypes.receipt });
  }

  /** The answer as sent: in FORGED mode the receipt's payload is re-signed with the forger's key. */
  private async asSigned(answer: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.receipts === 'GENUINE') return answer;
    const payload = JSON.parse(Buffer.from(String(answer['receipt']).split('.')[1] ?? '', 'base64url').toString('utf8')) as object;
    return { ...answer, receipt: await signJws(payload, this.forger, { typ: JwsTypes.receipt }) };
  }
}

/** The one mutation field a request asks for, as the real hub's GraphQL layer would read it. */
function mutationFieldOf(query: string): string | undefined {
  try {
    const [operation] = parse(query).definitions as OperationDefinitionNode[];
    const [selection] = operation?.operation === 'mutation' ? operation.selectionSet.selections : [];
    return selection?.kind === 'Field' ? selection.name.value : undefined;
  } catch {
    return undefined;
  }
}

class HubRefusal extends Error {
  constructor(readonly code: ContractRefusalCode) {
    super(code);
  }
}

async function signingKeyOf(
  master: MasterSecret,
): Promise<{ privateJwk: JwsSigningKey['privateJwk']; kid: string; publicJwk: PublicSigningJwk }> {
  const jwks = await signingKeyToJwk(deriveHubKeys(master).signing);
  return { privateJwk: jwks.private, kid: jwks.public.kid, publicJwk: jwks.public };
}

function graphQLError(code: string): Record<string, unknown> {
  return { errors: [{ message: code, extensions: { code } }] };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
