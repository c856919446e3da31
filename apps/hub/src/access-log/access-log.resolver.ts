import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { Role, Roles } from '#app/auth';
import { AccessLogEntryModel } from './access-log.model.js';
import { AccessLogService, MAX_ACCESS_LOG_ENTRIES } from './access-log.service.js';

@Roles(Role.HUB_ADMIN)
@Resolver(() => AccessLogEntryModel)
export class AccessLogResolver {
  constructor(private readonly accessLogService: AccessLogService) {}

  @Query(() => [AccessLogEntryModel], {
    description: `Who asked for which dataset and release, newest first (at most ${MAX_ACCESS_LOG_ENTRIES}).`,
  })
  accessLog(
    @Args('limit', { type: () => Int, defaultValue: 100 }) limit: number,
    @Args('dataset', { type: () => String, nullable: true }) dataset?: string | null,
  ): Promise<AccessLogEntryModel[]> {
    return this.accessLogService.recent(limit, dataset ?? undefined);
  }
}
