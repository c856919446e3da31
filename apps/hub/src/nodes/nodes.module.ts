import { Module } from '@nestjs/common';
import { NodeSignatureVerifier } from './node-signature.verifier.js';
import { NodesRepository } from './nodes.repository.js';
import { NodesResolver } from './nodes.resolver.js';
import { NodesService } from './nodes.service.js';
import { SignedMessageIntake } from './signed-message-intake.js';

@Module({
  providers: [NodesService, NodesRepository, NodesResolver, NodeSignatureVerifier, SignedMessageIntake],
  exports: [NodesService, NodeSignatureVerifier, SignedMessageIntake],
})
export class NodesModule {}
