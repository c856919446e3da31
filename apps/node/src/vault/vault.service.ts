import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CryptoErrorCode, CryptoException, openIdentity, sealIdentity, type IdentityFields } from '#app/crypto';
import { NodeKeyring } from '../keys/node-keyring.js';
import { PersonIdentityEntity } from './person-identity.entity.js';
import { NodeVaultException, VaultErrorCode } from './vault.exception.js';

/**
 * The identity vault: the only place identity fields exist, sealed per person (XChaCha20-Poly1305 under a random
 * per-person key wrapped by the vault key). Shredding deletes the wrapped key, which makes the identity unreadable.
 */
@Injectable()
export class VaultService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keyring: NodeKeyring,
  ) {}

  /** Seals (or re-seals, with a fresh person key) a person's identity inside the caller's transaction. */
  async seal(manager: EntityManager, personId: string, identity: IdentityFields, now: Date): Promise<void> {
    const sealed = sealIdentity(personId, identity, this.keyring.vaultKey);
    await manager.upsert(
      PersonIdentityEntity,
      {
        personId,
        ciphertext: Buffer.from(sealed.ciphertext),
        nonce: Buffer.from(sealed.nonce),
        wrappedKey: Buffer.from(sealed.wrappedKey),
        wrapNonce: Buffer.from(sealed.wrapNonce),
        sealedAt: now,
        shreddedAt: null,
      },
      ['personId'],
    );
  }

  /** Seals many identities at once (imports), inside the caller's transaction. */
  async sealMany(
    manager: EntityManager,
    identities: ReadonlyArray<{ personId: string; identity: IdentityFields }>,
    now: Date,
  ): Promise<void> {
    if (identities.length === 0) return;
    const rows = identities.map(({ personId, identity }) => {
      const sealed = sealIdentity(personId, identity, this.keyring.vaultKey);
      return {
        personId,
        ciphertext: Buffer.from(sealed.ciphertext),
        nonce: Buffer.from(sealed.nonce),
        wrappedKey: Buffer.from(sealed.wrappedKey),
        wrapNonce: Buffer.from(sealed.wrapNonce),
        sealedAt: now,
        shreddedAt: null,
      };
    });
    await manager.upsert(PersonIdentityEntity, rows, ['personId']);
  }

  /** Decrypts a person's identity (node only; never leaves it). */
  async open(personId: string): Promise<IdentityFields> {
    const stored = await this.dataSource.getRepository(PersonIdentityEntity).findOneBy({ personId });
    if (stored === null)
      throw new NodeVaultException(VaultErrorCode.PERSON_NOT_FOUND, 'No identity is stored for this person.', ['personId']);
    try {
      return openIdentity(personId, stored, this.keyring.vaultKey);
    } catch (error) {
      if (error instanceof CryptoException && error.code === CryptoErrorCode.KEY_SHREDDED) {
        throw new NodeVaultException(
          VaultErrorCode.IDENTITY_SHREDDED,
          'The identity of this person was destroyed when consent was revoked.',
          ['personId'],
        );
      }
      if (error instanceof CryptoException) {
        throw new NodeVaultException(VaultErrorCode.IDENTITY_UNREADABLE, 'The stored identity cannot be decrypted with this node key.', [
          'personId',
        ]);
      }
      throw error;
    }
  }

  /** Destroys the person's key inside the caller's transaction: from its commit on, the identity is unreadable. */
  async shred(manager: EntityManager, personId: string, now: Date): Promise<void> {
    await manager.update(PersonIdentityEntity, { personId }, { wrappedKey: null, wrapNonce: null, shreddedAt: now });
  }
}
