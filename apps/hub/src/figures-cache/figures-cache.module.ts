import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { FiguresModule } from '../figures/figures.module.js';
import { CachedAnswersMiddleware } from './cached-answers.middleware.js';
import { FiguresCachePlugin } from './figures-cache.plugin.js';
import { FiguresCacheService } from './figures-cache.service.js';
import { FiguresCacheWarmer } from './figures-cache.warmer.js';

/** Answers of released figures served again from memory until the next release (README, "Figures cache"). */
@Module({
  imports: [AccessLogModule, FiguresModule],
  providers: [FiguresCacheService, FiguresCachePlugin, FiguresCacheWarmer],
  exports: [FiguresCacheService, FiguresCacheWarmer],
})
export class FiguresCacheModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(CachedAnswersMiddleware)
      .forRoutes({ path: 'graphql', method: RequestMethod.POST }, { path: 'graphql', method: RequestMethod.GET });
  }
}
