import { Global, Module } from '@nestjs/common';
import { HubConfig } from '../config/hub.config.js';
import { HubKeyring } from './hub-keyring.js';
import { JwksController } from './jwks.controller.js';

/** Loads (or creates on first start) the hub's master secret and provides the keys derived from it. */
@Global()
@Module({
  controllers: [JwksController],
  providers: [
    {
      provide: HubKeyring,
      inject: [HubConfig],
      useFactory: (config: HubConfig) => HubKeyring.load(config.keyDir, config.masterSecret),
    },
  ],
  exports: [HubKeyring],
})
export class KeysModule {}
