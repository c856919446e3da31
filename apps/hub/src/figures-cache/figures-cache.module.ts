import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { CachedAnswersMiddleware } from './cached-answers.middleware.js';
import { FiguresCachePlugin } from './figures-cache.plugin.js';
import { FiguresCacheService } from './figures-cache.service.js';

/** Answers of released figures served again from memory until the next release (README, "Figures cache"). */
@Module({
  imports: [AccessLogModule],
  providers: [FiguresCacheService, FiguresCachePlugin],
  exports: [FiguresCacheService],
})
export class FiguresCacheModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(CachedAnswersMiddleware)
      .forRoutes({ path: 'graphql', method: RequestMethod.POST }, { path: 'graphql', method: RequestMethod.GET });
  }
}
