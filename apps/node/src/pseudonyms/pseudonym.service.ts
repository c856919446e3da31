import { Injectable } from '@nestjs/common';
import { pseudonymOf } from '#app/crypto';
import { NodeKeyring } from '../keys/node-keyring.js';

/**
 * Pseudonyms: keyed BLAKE2b-256 of the node's internal person id, base64url. Computed once when a person is created
 * and stored with the person, so later quarters and revocations use the stored value.
 */
@Injectable()
export class PseudonymService {
  constructor(private readonly keyring: NodeKeyring) {}

  pseudonymOf(personId: string): string {
    return pseudonymOf(personId, this.keyring.pseudonymKey);
  }
}
