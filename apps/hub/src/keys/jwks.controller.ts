import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '#app/auth';
import type { PublicSigningJwk } from '#app/crypto';
import { HubKeyring } from './hub-keyring.js';

/** The hub's public signing key, so nodes can verify receipts (contract, section 3). */
@Controller('.well-known')
export class JwksController {
  constructor(private readonly keyring: HubKeyring) {}

  @Public()
  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  jwks(): { keys: PublicSigningJwk[] } {
    return this.keyring.jwks;
  }
}
