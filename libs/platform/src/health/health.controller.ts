import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '#app/auth';
import { HealthService } from './health.service.js';

/** Plain HTTP probes for process supervisors and load balancers. */
@Controller()
export class HealthController {
  constructor(private readonly healthService: HealthService) {}

  @Public()
  @Get('healthz')
  @HttpCode(200)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('readyz')
  async ready(@Res({ passthrough: true }) response: Response): Promise<{ status: 'ready' | 'not-ready' }> {
    const ready = await this.healthService.isReady();
    response.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not-ready' };
  }
}
