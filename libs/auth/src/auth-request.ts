import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import type { IncomingHttpHeaders } from 'node:http';
import type { Principal } from './principal.js';

/** The part of an HTTP request (Express or a GraphQL context's `req`) that authentication reads and writes. */
export interface AuthRequest {
  readonly headers: IncomingHttpHeaders;
  readonly ip?: string;
  readonly socket?: { readonly remoteAddress?: string };
  /** Set by the guard once the bearer token is verified. */
  principal?: Principal;
}

/** The HTTP request behind a GraphQL resolver or a controller; undefined for transports without one. */
export function authRequestOf(context: ExecutionContext): AuthRequest | undefined {
  if (context.getType<GqlContextType>() === 'graphql') {
    const graphqlContext = GqlExecutionContext.create(context).getContext<{ req?: AuthRequest } | undefined>();
    return graphqlContext?.req;
  }
  if (context.getType() === 'http') {
    return context.switchToHttp().getRequest<AuthRequest>();
  }
  return undefined;
}

/** The verified principal of a request, for code outside resolvers (GraphQL context factories, DataLoaders). */
export function principalOfRequest(request: AuthRequest): Principal | undefined {
  return request.principal;
}

/** Anonymous callers are rate-limited per address; behind a proxy, set Express `trust proxy` so `ip` is the client's. */
export function clientAddressOf(request: AuthRequest): string {
  return request.ip ?? request.socket?.remoteAddress ?? 'unknown';
}
