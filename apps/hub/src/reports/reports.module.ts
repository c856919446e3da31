import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { FiguresModule } from '../figures/figures.module.js';
import { ReportPdfRenderer } from './report-pdf.renderer.js';
import { ReportsController } from './reports.controller.js';

@Module({
  imports: [FiguresModule, AccessLogModule],
  controllers: [ReportsController],
  providers: [ReportPdfRenderer],
})
export class ReportsModule {}
