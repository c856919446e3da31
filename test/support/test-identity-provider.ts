import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { OBSERVATORY_AUDIENCE } from '#app/auth';

/** An account the provider signs in: its claims as the observatory reads them. */
export interface ProviderAccount {
  readonly subject: string;
  readonly roles: readonly string[];
  readonly countries: readonly string[];
}

interface IssuedCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce: string;
  readonly account: ProviderAccount;
}

/**
 * An OpenID Connect provider for the console's sign-in tests, over real HTTP: discovery, an authorization page (the
 * user picks an account and continues, or declines), a token endpoint that checks the client, the redirect URI and
 * the PKCE verifier (S256) and redeems each code once, and its keys as JWKS. It signs real EdDSA tokens: an ID token
 * for the client and an access token for the observatory, with the claims an identity provider's mappers would add.
 */
export class TestIdentityProvider {
  /** What the token endpoint saw, for the tests to check the client used PKCE. */
  readonly tokenRequests: Array<{ verifierMatched: boolean; codeKnown: boolean }> = [];
  /** A nonce to put in ID tokens instead of the one asked for (a replayed or foreign ID token). */
  nonceOverride: string | undefined;
  private readonly codes = new Map<string, IssuedCode>();

  private constructor(
    private readonly server: Server,
    readonly issuer: string,
    private readonly privateKey: CryptoKey,
    readonly publicJwk: JWK,
    private readonly clientId: string,
    private readonly accounts: readonly ProviderAccount[],
  ) {}

  static async start(clientId: string, accounts: readonly ProviderAccount[]): Promise<TestIdentityProvider> {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const publicJwk = { ...(await exportJWK(publicKey)), kid: 'test-provider-1', alg: 'EdDSA', use: 'sig' };
    // The server exists before the provider that answers on it (the provider needs the server's port for its issuer).
    const started: { provider?: TestIdentityProvider } = {};
    const server = createServer((request, response) => {
      started.provider?.handle(request, response).catch(() => {
        response.statusCode = 500;
        response.end();
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as { port: number };
    started.provider = new TestIdentityProvider(server, `http://127.0.0.1:${port}`, privateKey, publicJwk, clientId, accounts);
    return started.provider;
  }

  get jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  close(): Promise<void> {
    return new Promise((closed) => this.server.close(() => closed()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.issuer);
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(response, 200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.issuer}/authorize`,
        token_endpoint: `${this.issuer}/token`,
        jwks_uri: `${this.issuer}/jwks`,
        response_types_supported: ['code'],
        code_challenge_methods_supported: ['S256'],
        id_token_signing_alg_values_supported: ['EdDSA'],
      });
    }
    if (url.pathname === '/jwks') return json(response, 200, this.jwks);
    if (url.pathname === '/authorize') return this.authorize(url, response);
    if (url.pathname === '/authorize/continue') return this.continueAuthorization(url, response);
    if (url.pathname === '/token' && request.method === 'POST') return this.token(request, response);
    response.statusCode = 404;
    response.end();
  }

  /** The provider's own page: one button per account, and one to decline. */
  private authorize(url: URL, response: ServerResponse): void {
    const parameters = url.searchParams;
    const valid =
      parameters.get('response_type') === 'code' &&
      parameters.get('client_id') === this.clientId &&
      parameters.get('code_challenge_method') === 'S256' &&
      (parameters.get('code_challenge') ?? '').length >= 43 &&
      (parameters.get('state') ?? '') !== '' &&
      (parameters.get('nonce') ?? '') !== '';
    if (!valid) return json(response, 400, { error: 'invalid_request' });
    const query = parameters.toString();
    const buttons = this.accounts
      .map(
        (account, index) =>
          `<li><a href="/authorize/continue?account=${index}&amp;${query.replaceAll('&', '&amp;')}">Continue as ${account.subject}</a></li>`,
      )
      .join('');
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(
      `<!doctype html><html lang="en"><head><title>Test identity provider</title></head><body><main><h1>Sign in</h1><ul>${buttons}<li><a href="/authorize/continue?decline=1&amp;${query.replaceAll('&', '&amp;')}">Decline</a></li></ul></main></body></html>`,
    );
  }

  private continueAuthorization(url: URL, response: ServerResponse): void {
    const parameters = url.searchParams;
    const redirect = new URL(parameters.get('redirect_uri') ?? '');
    redirect.searchParams.set('state', parameters.get('state') ?? '');
    if (parameters.get('decline') === '1') redirect.searchParams.set('error', 'access_denied');
    else {
      const code = randomBytes(24).toString('base64url');
      this.codes.set(code, {
        clientId: parameters.get('client_id') ?? '',
        redirectUri: parameters.get('redirect_uri') ?? '',
        challenge: parameters.get('code_challenge') ?? '',
        nonce: parameters.get('nonce') ?? '',
        account: this.accounts[Number(parameters.get('account'))] as ProviderAccount,
      });
      redirect.searchParams.set('code', code);
    }
    response.statusCode = 302;
    response.setHeader('location', redirect.href);
    response.end();
  }

  private async token(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const code = form.get('code') ?? '';
    const issued = this.codes.get(code);
    this.codes.delete(code);
    const verifier = form.get('code_verifier') ?? '';
    const verifierMatched = issued !== undefined && createHash('sha256').update(verifier).digest('base64url') === issued.challenge;
    this.tokenRequests.push({ verifierMatched, codeKnown: issued !== undefined });
    if (
      issued === undefined ||
      !verifierMatched ||
      form.get('grant_type') !== 'authorization_code' ||
      form.get('client_id') !== issued.clientId ||
      form.get('redirect_uri') !== issued.redirectUri
    ) {
      return json(response, 400, { error: 'invalid_grant' });
    }
    const { account } = issued;
    const idToken = await new SignJWT({ nonce: this.nonceOverride ?? issued.nonce })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.publicJwk.kid as string })
      .setIssuer(this.issuer)
      .setAudience(issued.clientId)
      .setSubject(account.subject)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(this.privateKey);
    const accessToken = await new SignJWT({ roles: [...account.roles], countries: [...account.countries] })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.publicJwk.kid as string })
      .setIssuer(this.issuer)
      .setAudience(OBSERVATORY_AUDIENCE)
      .setSubject(account.subject)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(this.privateKey);
    json(response, 200, { token_type: 'Bearer', expires_in: 300, id_token: idToken, access_token: accessToken });
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
}
