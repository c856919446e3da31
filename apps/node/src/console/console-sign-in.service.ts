import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { AuthException, JwtVerifier, Role, type Principal } from '#app/auth';
import { NodeScope } from '../access/node-actor.js';
import { ConsoleErrorCode, ConsoleException } from './console.exception.js';

/** A sign-in code is a token that expires within this: a link in a terminal or an e-mail must not open a day's access. */
export const MAX_SIGN_IN_CODE_LIFETIME_SECONDS = 60 * 60;
/** The roles the console serves today. */
export const CONSOLE_ROLES: [Role, ...Role[]] = [Role.RAPPORTEUR, Role.STEWARD];

/**
 * Exchanges a sign-in code for a principal, once. The code is a short-lived token of the issuer the node already
 * trusts for its API (the development issuer's, or the identity provider's): verified the same way, then refused
 * if it lives longer than an hour, if it was used before, or if its roles and countries are not for this console
 * and node. Used codes are remembered until they expire (at most an hour), in memory.
 */
@Injectable()
export class ConsoleSignIn {
  private readonly logger = new Logger('ConsoleSignIn');
  /** SHA-256 of used codes and when each expires. */
  private readonly used = new Map<string, number>();

  constructor(
    private readonly verifier: JwtVerifier,
    private readonly scope: NodeScope,
  ) {}

  async exchange(code: string): Promise<Principal> {
    let principal: Principal;
    try {
      principal = await this.verifier.verify(code);
    } catch (error) {
      if (error instanceof AuthException) {
        throw new ConsoleException(ConsoleErrorCode.SIGN_IN_CODE_INVALID, error.message, ['code'], { reason: error.code });
      }
      throw error;
    }
    const { iat, exp } = decodeJwt(code);
    if (iat === undefined || exp === undefined || exp - iat > MAX_SIGN_IN_CODE_LIFETIME_SECONDS) {
      throw new ConsoleException(ConsoleErrorCode.SIGN_IN_CODE_TOO_LONG_LIVED, 'A sign-in code must expire within an hour of its issue.', [
        'code',
      ]);
    }
    const now = Date.now();
    for (const [hash, expiresAt] of this.used) if (expiresAt <= now) this.used.delete(hash);
    const hash = createHash('sha256').update(code).digest('base64url');
    if (this.used.has(hash)) {
      throw new ConsoleException(ConsoleErrorCode.SIGN_IN_CODE_USED, 'This sign-in code was used already.', ['code']);
    }
    // Spent before the role checks: a refused code is not tried again either.
    this.used.set(hash, exp * 1000);
    return this.admit(principal, 'code');
  }

  /** Lets an account into the console (a code's, or the identity provider's): a console role, for this node's country. */
  admit(principal: Principal, field: string): Principal {
    if (!principal.roles.some((role) => CONSOLE_ROLES.includes(role))) {
      throw new ConsoleException(ConsoleErrorCode.NOT_A_CONSOLE_ROLE, 'The account has no role this console serves.', [field], {
        roles: principal.roles,
      });
    }
    // Throws COUNTRY_OUT_OF_SCOPE for an account of another country.
    this.scope.actorOf(principal);
    this.logger.log({ msg: 'console session opened', subject: principal.subject, roles: principal.roles });
    return principal;
  }
}
