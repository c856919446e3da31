import { Module } from '@nestjs/common';
import { AccessLogResolver } from './access-log.resolver.js';
import { AccessLogService } from './access-log.service.js';

@Module({
  providers: [AccessLogService, AccessLogResolver],
  exports: [AccessLogService],
})
export class AccessLogModule {}
