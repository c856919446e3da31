import { Module } from '@nestjs/common';
import { AccessLogRepository } from './access-log.repository.js';
import { AccessLogResolver } from './access-log.resolver.js';
import { AccessLogService } from './access-log.service.js';

@Module({
  providers: [AccessLogService, AccessLogRepository, AccessLogResolver],
  exports: [AccessLogService],
})
export class AccessLogModule {}
