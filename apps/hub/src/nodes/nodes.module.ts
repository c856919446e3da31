import { Module } from '@nestjs/common';
import { NodeSignatureVerifier } from './node-signature.verifier.js';
import { NodesResolver } from './nodes.resolver.js';
import { NodesService } from './nodes.service.js';

@Module({
  providers: [NodesService, NodesResolver, NodeSignatureVerifier],
  exports: [NodesService, NodeSignatureVerifier],
})
export class NodesModule {}
