import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { FiguresModule } from '../figures/figures.module.js';
import { ReportsController } from './reports.controller.js';

@Module({
  imports: [FiguresModule, AccessLogModule],
  controllers: [ReportsController],
})
export class ReportsModule {}
