import { Module } from '@nestjs/common';
import { NodesModule } from '../nodes/nodes.module.js';
import { RevocationsResolver } from './revocations.resolver.js';
import { RevocationsService } from './revocations.service.js';

@Module({
  imports: [NodesModule],
  providers: [RevocationsService, RevocationsResolver],
})
export class RevocationsModule {}
