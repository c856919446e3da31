import { Module } from '@nestjs/common';
import { NodesModule } from '../nodes/nodes.module.js';
import { RevisionsModule } from '../revisions/revisions.module.js';
import { RevocationsResolver } from './revocations.resolver.js';
import { RevocationsService } from './revocations.service.js';

@Module({
  imports: [NodesModule, RevisionsModule],
  providers: [RevocationsService, RevocationsResolver],
})
export class RevocationsModule {}
