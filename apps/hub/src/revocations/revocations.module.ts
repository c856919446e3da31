import { Module } from '@nestjs/common';
import { NodesModule } from '../nodes/nodes.module.js';
import { RevisionsModule } from '../revisions/revisions.module.js';
import { RevocationsRepository } from './revocations.repository.js';
import { RevocationsResolver } from './revocations.resolver.js';
import { RevocationsService } from './revocations.service.js';

@Module({
  imports: [NodesModule, RevisionsModule],
  providers: [RevocationsService, RevocationsRepository, RevocationsResolver],
})
export class RevocationsModule {}
