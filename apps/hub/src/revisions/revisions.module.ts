import { Module } from '@nestjs/common';
import { RevisionsRepository } from './revisions.repository.js';
import { RevisionsService } from './revisions.service.js';

/** The revision policy, shared by intake (which records changes) and releases and previews (which apply them). */
@Module({
  providers: [RevisionsService, RevisionsRepository],
  exports: [RevisionsService],
})
export class RevisionsModule {}
