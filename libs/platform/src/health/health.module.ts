import { type DynamicModule, Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import type { AppRole } from './health.model.js';
import { HealthResolver } from './health.resolver.js';
import { APP_ROLE, HealthService } from './health.service.js';

@Module({})
export class HealthModule {
  static forRoot(role: AppRole): DynamicModule {
    return {
      module: HealthModule,
      controllers: [HealthController],
      providers: [{ provide: APP_ROLE, useValue: role }, HealthService, HealthResolver],
    };
  }
}
