import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { isCacheableOperation } from './answer-key.js';
import { CACHE_HEADER, setValidators } from './cached-answers.middleware.js';
import { FiguresCacheService, readsReleasedFigures } from './figures-cache.service.js';
import type { Principal } from '#app/auth';

interface RequestContext {
  readonly req?: { principal?: Principal };
}

/**
 * Stores the answer of a request the cache middleware let through: only a query of cacheable root fields, answered
 * without any error to a caller who reads released figures. The bytes are the ones Apollo Server writes for it
 * (its `prettyJSONStringify` of `{ data, extensions }`), so a cached answer is the same answer.
 */
@Plugin()
export class FiguresCachePlugin implements ApolloServerPlugin<RequestContext> {
  constructor(private readonly cache: FiguresCacheService) {}

  async requestDidStart({ contextValue }: { contextValue: RequestContext }): Promise<GraphQLRequestListener<RequestContext> | void> {
    const request = contextValue.req;
    const pending = request === undefined ? undefined : this.cache.pendingFor(request);
    if (request === undefined || pending === undefined) return;
    return {
      willSendResponse: async ({ operation, response, source, request: graphQLRequest }) => {
        if (operation === undefined || operation === null || !isCacheableOperation(operation)) return;
        // Only answers the cache could hold say `miss`; a mutation or a preview says nothing.
        response.http.headers.set(CACHE_HEADER, 'miss');
        if (response.body.kind !== 'single' || (response.http.status ?? 200) !== 200) return;
        const { data, errors, extensions } = response.body.singleResult;
        if (errors !== undefined || data === undefined || data === null || !readsReleasedFigures(request.principal)) return;
        // The text Apollo Server ran (for a persisted query, the one its hash stands for), to compute it again later.
        const replay = {
          query: source,
          ...(graphQLRequest.operationName ? { operationName: graphQLRequest.operationName } : {}),
          ...(graphQLRequest.variables ? { variables: graphQLRequest.variables } : {}),
        };
        const entityTag = this.cache.store(pending, Buffer.from(`${JSON.stringify({ data, extensions })}\n`), replay);
        if (entityTag !== undefined) setValidators(response.http.headers, entityTag);
      },
    };
  }
}
