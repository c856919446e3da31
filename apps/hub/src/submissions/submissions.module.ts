import { Module } from '@nestjs/common';
import { NodesModule } from '../nodes/nodes.module.js';
import { RevisionsModule } from '../revisions/revisions.module.js';
import { SubmissionsResolver } from './submissions.resolver.js';
import { SubmissionsRepository } from './submissions.repository.js';
import { SubmissionsService } from './submissions.service.js';

@Module({
  imports: [NodesModule, RevisionsModule],
  providers: [SubmissionsService, SubmissionsRepository, SubmissionsResolver],
})
export class SubmissionsModule {}
