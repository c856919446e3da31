import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AuthException, JwtVerifier, type Principal } from '#app/auth';
import { NodeConfig, type ConsoleOidcSettings } from '../config/node.config.js';
import { ConsoleErrorCode, ConsoleException } from './console.exception.js';

/** The parts of the provider's discovery document the console uses. */
interface ProviderMetadata {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly jwks_uri: string;
  readonly code_challenge_methods_supported?: readonly string[];
}

/** A sign-in the browser was sent to the provider for: what the callback must match. */
interface PendingSignIn {
  readonly codeVerifier: string;
  readonly nonce: string;
  readonly redirectUri: string;
  readonly expiresAt: number;
}

/** How long a browser may take at the provider (login, second factor) before the sign-in must start again. */
const PENDING_LIFETIME_MS = 10 * 60 * 1000;
/** Pending sign-ins kept at once: beyond it the oldest go (a flood of starts cannot fill memory). */
const MAX_PENDING = 1_000;
/** The discovery document is read again after this. */
const METADATA_LIFETIME_MS = 60 * 60 * 1000;
const PROVIDER_TIMEOUT_MS = 10_000;

const base64Url = (bytes: Buffer) => bytes.toString('base64url');

/**
 * Console sign-in through the identity provider (OpenID Connect authorization code flow with PKCE, S256): the
 * browser is sent to the provider with a one-time state, nonce and code challenge; the callback's code is redeemed
 * at the token endpoint with the verifier; the ID token is checked (signature by the provider's keys, issuer,
 * audience, nonce) and the access token read by the node's own verifier, so the roles and countries of a console
 * session are those the API would grant the same account.
 */
@Injectable()
export class ConsoleOidc {
  private readonly logger = new Logger('ConsoleOidc');
  private readonly settings: ConsoleOidcSettings | undefined;
  private readonly pending = new Map<string, PendingSignIn>();
  private metadata: { value: ProviderMetadata; keys: JWTVerifyGetKey; readAt: number } | undefined;

  constructor(
    config: NodeConfig,
    private readonly verifier: JwtVerifier,
  ) {
    this.settings = config.consoleOidc;
  }

  get enabled(): boolean {
    return this.settings !== undefined;
  }

  /** The provider's authorization URL for a new sign-in, and the state the browser's cookie must carry back. */
  async begin(redirectUri: string): Promise<{ url: string; state: string }> {
    const settings = this.requireSettings();
    const provider = await this.provider();
    const state = base64Url(randomBytes(32));
    const codeVerifier = base64Url(randomBytes(32));
    const nonce = base64Url(randomBytes(32));
    const now = Date.now();
    for (const [key, entry] of this.pending) if (entry.expiresAt <= now || this.pending.size >= MAX_PENDING) this.pending.delete(key);
    this.pending.set(state, { codeVerifier, nonce, redirectUri, expiresAt: now + PENDING_LIFETIME_MS });
    const url = new URL(provider.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: settings.clientId,
      redirect_uri: redirectUri,
      scope: 'openid',
      state,
      nonce,
      code_challenge: base64Url(createHash('sha256').update(codeVerifier).digest()),
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.href, state };
  }

  /**
   * Completes a sign-in: the state must be one this node issued, unused, fresh, and the one the browser's cookie
   * holds (so nobody can complete a sign-in in someone else's browser); then the code is redeemed and the tokens checked.
   */
  async complete(state: string, cookieState: string | undefined, code: string): Promise<Principal> {
    const settings = this.requireSettings();
    const pending = this.pending.get(state);
    this.pending.delete(state);
    if (pending === undefined || pending.expiresAt <= Date.now() || cookieState !== state) {
      throw refused('state', 'The sign-in was not started in this browser, was used already or took too long.');
    }
    const provider = await this.provider();
    const body = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: pending.redirectUri,
      client_id: settings.clientId,
      code_verifier: pending.codeVerifier,
    });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (settings.clientSecretFile !== undefined) {
      const secret = (await readFile(settings.clientSecretFile, 'utf8')).trim();
      headers['authorization'] =
        `Basic ${Buffer.from(`${encodeURIComponent(settings.clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
    }
    let tokens: { id_token?: unknown; access_token?: unknown };
    try {
      const response = await fetch(provider.token_endpoint, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
      });
      if (!response.ok) throw refused('token', `The identity provider refused the code (HTTP ${response.status}).`);
      tokens = (await response.json()) as typeof tokens;
    } catch (error) {
      if (error instanceof ConsoleException) throw error;
      throw refused('token', 'The identity provider could not be reached.');
    }
    if (typeof tokens.id_token !== 'string' || typeof tokens.access_token !== 'string') {
      throw refused('token', 'The identity provider answered without an ID token and an access token.');
    }
    try {
      const { payload } = await jwtVerify(tokens.id_token, (await this.providerKeys()).keys, {
        issuer: settings.issuer,
        audience: settings.clientId,
        requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
      });
      if (payload['nonce'] !== pending.nonce) throw refused('id_token', 'The ID token was not issued for this sign-in.');
    } catch (error) {
      if (error instanceof ConsoleException) throw error;
      throw refused('id_token', 'The ID token did not verify.');
    }
    try {
      return await this.verifier.verify(tokens.access_token);
    } catch (error) {
      if (error instanceof AuthException) throw refused('access_token', `The access token is not one this node accepts (${error.code}).`);
      throw error;
    }
  }

  private requireSettings(): ConsoleOidcSettings {
    if (this.settings === undefined) throw new ConsoleException(ConsoleErrorCode.NOT_FOUND, 'No identity provider is configured.', []);
    return this.settings;
  }

  private async provider(): Promise<ProviderMetadata> {
    return (await this.providerKeys()).value;
  }

  /** The discovery document (checked: same issuer, S256 offered) and the provider's keys, cached for an hour. */
  private async providerKeys(): Promise<{ value: ProviderMetadata; keys: JWTVerifyGetKey }> {
    const settings = this.requireSettings();
    if (this.metadata !== undefined && Date.now() - this.metadata.readAt < METADATA_LIFETIME_MS) return this.metadata;
    let value: ProviderMetadata;
    try {
      const response = await fetch(`${settings.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      value = (await response.json()) as ProviderMetadata;
    } catch {
      throw refused('discovery', 'The identity provider’s discovery document could not be read.');
    }
    if (value.issuer !== settings.issuer) throw refused('discovery', 'The discovery document names another issuer.');
    if (value.code_challenge_methods_supported !== undefined && !value.code_challenge_methods_supported.includes('S256')) {
      throw refused('discovery', 'The identity provider does not offer PKCE with S256.');
    }
    this.metadata = { value, keys: createRemoteJWKSet(new URL(value.jwks_uri)), readAt: Date.now() };
    this.logger.log({ msg: 'identity provider discovered', issuer: value.issuer });
    return this.metadata;
  }
}

function refused(step: string, message: string): ConsoleException {
  return new ConsoleException(ConsoleErrorCode.SIGN_IN_REFUSED, message, [], { reason: step });
}
