import { Module } from '@nestjs/common';
import { NodesModule } from '../nodes/nodes.module.js';
import { RevisionsModule } from '../revisions/revisions.module.js';
import { SubmissionsResolver } from './submissions.resolver.js';
import { SubmissionsService } from './submissions.service.js';

@Module({
  imports: [NodesModule, RevisionsModule],
  providers: [SubmissionsService, SubmissionsResolver],
})
export class SubmissionsModule {}
