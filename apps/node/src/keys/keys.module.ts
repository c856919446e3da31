import { Global, Logger, Module } from '@nestjs/common';
import { NodeConfig } from '../config/node.config.js';
import { HubKeySet } from './hub-key-set.js';
import { NodeKeyring } from './node-keyring.js';

/** The node's own keys (derived from its master secret) and the hub's public keys, for every feature. */
@Global()
@Module({
  providers: [
    {
      provide: NodeKeyring,
      inject: [NodeConfig],
      useFactory: async (config: NodeConfig) => {
        const keyring = await NodeKeyring.load(config.keyDir, config.masterSecret);
        new Logger('Keys').log({
          msg: keyring.source === 'file-created' ? 'created a new master secret' : 'master secret loaded',
          source: keyring.source,
          keyDir: keyring.source === 'environment' ? undefined : config.keyDir,
          kid: keyring.publicJwk.kid,
        });
        return keyring;
      },
    },
    { provide: HubKeySet, inject: [NodeConfig], useFactory: (config: NodeConfig) => new HubKeySet(config.hub.jwksFile) },
  ],
  exports: [NodeKeyring, HubKeySet],
})
export class KeysModule {}
