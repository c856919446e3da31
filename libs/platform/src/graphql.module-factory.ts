import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Logger } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { ValidationRule } from 'graphql';
import { apolloQueryLimitOptions, type QueryLimits } from '#app/auth';
import { formatGraphQLError } from './graphql-errors.js';
import { knownOperationTypesRule } from './known-operation-types.rule.js';

export interface ObservatoryGraphQLOptions {
  /** Cost limits checked while parsing and validating, before any resolver runs. */
  queryLimits?: QueryLimits;
  /** Further validation rules of the app, run after the cost limits. */
  validationRules?: ValidationRule[];
}

/**
 * Defaults sized for the figures API: introspection needs depth 15 and about 220 fields; figure filters list at most
 * a few dozen codes per dimension.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 15,
  maxAliases: 10,
  maxFields: 400,
  maxListArgumentLength: 100,
  maxTokens: 6000,
};

/** The GraphQL server both apps share: code-first schema, no batching, no stack traces, errors mapped in one place. */
export function observatoryGraphQLModule(options: ObservatoryGraphQLOptions = {}): DynamicModule {
  const logger = new Logger('GraphQL');
  const limits = apolloQueryLimitOptions(options.queryLimits ?? DEFAULT_QUERY_LIMITS);
  return GraphQLModule.forRoot<ApolloDriverConfig>({
    driver: ApolloDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    playground: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // An array of operations in one HTTP body multiplies cost limits; one operation per request.
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    validationRules: [knownOperationTypesRule, ...limits.validationRules, ...(options.validationRules ?? [])],
    parseOptions: limits.parseOptions,
    // No HTTP cache hints are served; the cache-control plugin's per-field work more than halved large figure answers.
    plugins: [...limits.plugins, ApolloServerPluginCacheControlDisabled()],
    // Guards also run on field resolvers, so a forgotten decorator on one fails closed too.
    fieldResolverEnhancers: ['guards'],
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    formatError: (formatted, error) =>
      formatGraphQLError(formatted, error, (unexpected) =>
        logger.error({
          msg: 'unexpected error in GraphQL operation',
          error: unexpected instanceof Error ? unexpected.name : typeof unexpected,
          detail: unexpected instanceof Error ? unexpected.message.slice(0, 200) : undefined,
        }),
      ),
  });
}
