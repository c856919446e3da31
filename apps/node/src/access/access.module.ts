import { Global, Module } from '@nestjs/common';
import { NodeScope } from './node-actor.js';

/** Country scope of the node, for every feature's resolvers. */
@Global()
@Module({ providers: [NodeScope], exports: [NodeScope] })
export class AccessModule {}
