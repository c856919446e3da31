import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Catch, Controller, Get, type ArgumentsHost, type ExceptionFilter, type INestApplication } from '@nestjs/common';
import { Args, Field, GraphQLModule, Int, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { DomainException } from '#app/common';
import type { Response } from 'express';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  apolloQueryLimitOptions,
  assertCountryInScope,
  AuthModule,
  countriesInScope,
  CurrentPrincipal,
  DevIssuer,
  domainErrorExtensionsOf,
  formatAccessMatrix,
  listAccessMatrix,
  Public,
  resolveAuthConfig,
  Role,
  Roles,
  TokenBucketRateLimiter,
  type AccessMatrixEntry,
  type Principal,
} from '#app/auth';

const PUBLISHED_COUNTRIES = ['AT', 'DE', 'EL'];
const resolverCalls: string[] = [];

@ObjectType()
class Figure {
  @Field()
  country!: string;

  @Field(() => Int)
  value!: number;

  @Field(() => Figure, { nullable: true })
  previous?: Figure;
}

@Resolver(() => Figure)
class FiguresResolver {
  @Query(() => [Figure])
  @Roles(Role.RESEARCHER, Role.INTERNATIONAL_BODY, Role.RAPPORTEUR)
  figures(
    @CurrentPrincipal() principal: Principal,
    @Args('countries', { type: () => [String], nullable: true }) countries?: string[],
  ): Figure[] {
    resolverCalls.push('figures');
    const scope = countriesInScope(principal, countries);
    return (scope.kind === 'ALL' ? PUBLISHED_COUNTRIES : scope.countries).map((country) => ({ country, value: 10 }));
  }

  @Mutation(() => String)
  @Roles(Role.RAPPORTEUR)
  submitReturn(@CurrentPrincipal() principal: Principal, @Args('country') country: string): string {
    resolverCalls.push('submitReturn');
    assertCountryInScope(principal, country);
    return `accepted ${country}`;
  }

  /** Exposes the Role enum, which the library registers with GraphQL. */
  @Query(() => [Role])
  @Roles(Role.RESEARCHER, Role.HUB_ADMIN)
  myRoles(@CurrentPrincipal() principal: Principal): readonly Role[] {
    return principal.roles;
  }

  @Query(() => String)
  @Public()
  whoAmI(@CurrentPrincipal({ optional: true }) principal?: Principal): string {
    return principal?.subject ?? 'anonymous';
  }

  /** Guarded too (the app sets fieldResolverEnhancers), once per item, which must not charge the rate limit again. */
  @ResolveField(() => String)
  @Public()
  label(@Parent() figure: Figure): string {
    return `${figure.country}: ${figure.value}`;
  }

  /** Deliberately undecorated: the guard must refuse it whoever asks. */
  @Query(() => String)
  forgotten(): string {
    resolverCalls.push('forgotten');
    return 'should never be returned';
  }
}

@Controller('status')
@Roles(Role.HUB_ADMIN)
class StatusController {
  @Get()
  status(@CurrentPrincipal() principal: Principal): { subject: string } {
    return { subject: principal.subject };
  }

  @Get('ping')
  @Public()
  ping(): string {
    return 'pong';
  }
}

/** Stands in for the app-wide mapping the apps own: DomainException -> HTTP status and code. */
@Catch(DomainException)
class DomainExceptionHttpFilter implements ExceptionFilter {
  catch(exception: DomainException, host: ArgumentsHost): DomainException | void {
    if (host.getType() !== 'http') return exception;
    host.switchToHttp().getResponse<Response>().status(exception.httpStatus).json({ code: exception.code, details: exception.details });
  }
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

describe('AuthModule in a GraphQL + HTTP app', () => {
  let app: INestApplication;
  let devIssuerDir: string;
  let issuer: DevIssuer;
  const RATE_LIMIT = 30;

  beforeAll(async () => {
    devIssuerDir = await mkdtemp(join(tmpdir(), 'auth-module-'));
    const config = resolveAuthConfig({ NODE_ENV: 'test', DEV_ISSUER_DIR: devIssuerDir });
    const moduleRef = await Test.createTestingModule({
      imports: [
        AuthModule.forRoot(config),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          autoSchemaFile: true,
          fieldResolverEnhancers: ['guards'],
          ...apolloQueryLimitOptions({ maxDepth: 3, maxAliases: 4, maxFields: 20, maxListArgumentLength: 5, maxTokens: 500 }),
          formatError: (formatted, error) => ({
            message: formatted.message,
            extensions: domainErrorExtensionsOf(error) ?? { code: formatted.extensions?.['code'] },
          }),
        }),
      ],
      providers: [FiguresResolver],
      controllers: [StatusController],
    })
      // The real limiter on a clock that stands still, so the test does not depend on how fast requests run.
      .overrideProvider(TokenBucketRateLimiter)
      .useValue(new TokenBucketRateLimiter({ perMinute: RATE_LIMIT, now: () => 0 }))
      .compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new DomainExceptionHttpFilter());
    await app.init();
    // AuthModule created the development key pair on start; the token CLI loads the same one.
    issuer = await DevIssuer.loadOrCreate(devIssuerDir);
  });

  afterAll(async () => {
    await app?.close();
    await rm(devIssuerDir, { recursive: true, force: true });
  });

  async function graphql(query: string, token?: string, variables?: Record<string, unknown>): Promise<GraphQLBody> {
    const call = request(app.getHttpServer()).post('/graphql');
    if (token !== undefined) call.set('Authorization', `Bearer ${token}`);
    const response = await call.send({ query, variables });
    return response.body as GraphQLBody;
  }

  const codesOf = (body: GraphQLBody) => (body.errors ?? []).map((error) => error.extensions?.['code']);
  const token = (subject: string, roles: Role[], countries: string[] = []) => issuer.issue({ subject, roles, countries });

  it('refuses a guarded query without a token: UNAUTHENTICATED', async () => {
    const body = await graphql('{ figures { country } }');
    expect(codesOf(body)).toEqual(['UNAUTHENTICATED']);
    expect(body.data).toBeNull();
  });

  it('exposes the Role enum, narrowed to the roles the operation allows', async () => {
    const body = await graphql('{ myRoles }', await token('admin-3', [Role.HUB_ADMIN, Role.RESEARCHER, Role.STEWARD], ['AT']));
    expect(body).toEqual({ data: { myRoles: [Role.HUB_ADMIN, Role.RESEARCHER] } });
  });

  it('refuses a role the operation does not allow: FORBIDDEN', async () => {
    const body = await graphql('{ figures { country } }', await token('steward-1', [Role.STEWARD], ['AT']));
    expect(codesOf(body)).toEqual(['FORBIDDEN']);
  });

  it('answers an allowed role', async () => {
    const body = await graphql('{ figures { country value } }', await token('researcher-1', [Role.RESEARCHER]));
    expect(body).toEqual({ data: { figures: PUBLISHED_COUNTRIES.map((country) => ({ country, value: 10 })) } });
  });

  it('refuses an undecorated operation whoever asks, before its resolver runs', async () => {
    const before = resolverCalls.filter((call) => call === 'forgotten').length;
    const body = await graphql('{ forgotten }', await token('admin-1', [Role.HUB_ADMIN, Role.RESEARCHER]));
    expect(codesOf(body)).toEqual(['FORBIDDEN']);
    expect(body.data).toBeNull();
    expect(resolverCalls.filter((call) => call === 'forgotten').length).toBe(before);
  });

  it('keeps rapporteurs to their countries', async () => {
    const rapporteur = await token('rapporteur-at', [Role.RAPPORTEUR], ['AT']);
    expect(await graphql('{ figures { country } }', rapporteur)).toEqual({ data: { figures: [{ country: 'AT' }] } });
    expect(codesOf(await graphql('{ figures(countries: ["AT", "DE"]) { country } }', rapporteur))).toEqual(['COUNTRY_OUT_OF_SCOPE']);
    expect(await graphql('mutation { submitReturn(country: "AT") }', rapporteur)).toEqual({ data: { submitReturn: 'accepted AT' } });
    expect(codesOf(await graphql('mutation { submitReturn(country: "DE") }', rapporteur))).toEqual(['COUNTRY_OUT_OF_SCOPE']);
  });

  it('judges a rapporteur who is also a researcher as a rapporteur in a rapporteur-only mutation', async () => {
    const both = await token('both-1', [Role.RESEARCHER, Role.RAPPORTEUR], ['AT']);
    expect(codesOf(await graphql('{ figures(countries: ["DE"]) { country } }', both))).toEqual([]);
    expect(codesOf(await graphql('mutation { submitReturn(country: "DE") }', both))).toEqual(['COUNTRY_OUT_OF_SCOPE']);
  });

  it('opens public operations to anyone, but still refuses a bad token there', async () => {
    expect(await graphql('{ whoAmI }')).toEqual({ data: { whoAmI: 'anonymous' } });
    expect(await graphql('{ whoAmI }', await token('researcher-2', [Role.RESEARCHER]))).toEqual({ data: { whoAmI: 'researcher-2' } });
    expect(codesOf(await graphql('{ whoAmI }', 'not.a.token'))).toEqual(['INVALID_TOKEN']);
  });

  it('refuses a token from another issuer key: UNKNOWN_SIGNING_KEY', async () => {
    const strangerDir = await mkdtemp(join(tmpdir(), 'auth-module-stranger-'));
    try {
      const stranger = await DevIssuer.loadOrCreate(strangerDir);
      const body = await graphql('{ figures { country } }', await stranger.issue({ roles: [Role.RESEARCHER] }));
      expect(codesOf(body)).toEqual(['UNKNOWN_SIGNING_KEY']);
    } finally {
      await rm(strangerDir, { recursive: true, force: true });
    }
  });

  it('guards plain HTTP controllers the same way', async () => {
    const server = app.getHttpServer();
    const anonymous = await request(server).get('/status');
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    const researcher = await request(server)
      .get('/status')
      .set('Authorization', `Bearer ${await token('researcher-3', [Role.RESEARCHER])}`);
    expect([researcher.status, researcher.body.code]).toEqual([403, 'FORBIDDEN']);
    const admin = await request(server)
      .get('/status')
      .set('Authorization', `Bearer ${await token('admin-2', [Role.HUB_ADMIN])}`);
    expect([admin.status, admin.body]).toEqual([200, { subject: 'admin-2' }]);
    const malformed = await request(server).get('/status').set('Authorization', 'Basic dXNlcjpwYXNz');
    expect([malformed.status, malformed.body.code]).toEqual([401, 'INVALID_TOKEN']);
    const ping = await request(server).get('/status/ping');
    expect([ping.status, ping.text]).toEqual([200, 'pong']);
  });

  it('rate-limits per token subject, charging a request once however many fields it selects', async () => {
    const busy = await token('busy-1', [Role.RESEARCHER]);
    for (let i = 0; i < RATE_LIMIT; i += 1) {
      expect(codesOf(await graphql('{ a: figures { label } b: figures { label } }', busy))).toEqual([]);
    }
    const refused = await graphql('{ figures { country } }', busy);
    expect(codesOf(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.errors?.[0].extensions?.['details']).toEqual({ retryAfterSeconds: 2 });
    expect(codesOf(await graphql('{ figures { country } }', await token('calm-1', [Role.RESEARCHER])))).toEqual([]);
  });

  it('applies query limits before any resolver runs', async () => {
    const researcher = await token('researcher-4', [Role.RESEARCHER]);
    const calls = resolverCalls.length;
    const deep = await graphql('{ figures { previous { previous { country } } } }', researcher);
    expect(deep.errors?.map((error) => error.extensions)).toEqual([
      { code: 'QUERY_TOO_DEEP', limit: 3, fieldPath: ['figures', 'previous', 'previous', 'country'] },
    ]);
    const aliased = await graphql(
      '{ a: figures { country } b: figures { country } c: figures { country } d: figures { country } e: figures { country } }',
      researcher,
    );
    expect(codesOf(aliased)).toEqual(['TOO_MANY_ALIASES']);
    const longLiteral = await graphql('{ figures(countries: ["AT","AT","AT","AT","AT","AT"]) { country } }', researcher);
    expect(codesOf(longLiteral)).toEqual(['LIST_TOO_LONG']);
    const longVariable = await graphql('query ($c: [String!]) { figures(countries: $c) { country } }', researcher, {
      c: ['AT', 'AT', 'AT', 'AT', 'AT', 'AT'],
    });
    expect(longVariable.errors?.map((error) => error.extensions)).toEqual([{ code: 'LIST_TOO_LONG', limit: 5, variablePath: ['c'] }]);
    expect(resolverCalls.length).toBe(calls);
  });

  it('lists every operation with its allowed roles', () => {
    const matrix = listAccessMatrix(app).map(({ kind, operation, access }: AccessMatrixEntry) => ({ kind, operation, access }));
    expect(matrix).toEqual([
      {
        kind: 'QUERY',
        operation: 'Query.figures',
        access: { kind: 'ROLES', roles: [Role.RESEARCHER, Role.INTERNATIONAL_BODY, Role.RAPPORTEUR] },
      },
      { kind: 'QUERY', operation: 'Query.forgotten', access: { kind: 'NONE' } },
      { kind: 'QUERY', operation: 'Query.myRoles', access: { kind: 'ROLES', roles: [Role.RESEARCHER, Role.HUB_ADMIN] } },
      { kind: 'QUERY', operation: 'Query.whoAmI', access: { kind: 'PUBLIC' } },
      { kind: 'MUTATION', operation: 'Mutation.submitReturn', access: { kind: 'ROLES', roles: [Role.RAPPORTEUR] } },
      { kind: 'FIELD', operation: 'Figure.label', access: { kind: 'PUBLIC' } },
      { kind: 'HTTP', operation: 'GET /status', access: { kind: 'ROLES', roles: [Role.HUB_ADMIN] } },
      { kind: 'HTTP', operation: 'GET /status/ping', access: { kind: 'PUBLIC' } },
    ]);
    const table = formatAccessMatrix(listAccessMatrix(app)).split('\n');
    expect(table[0]).toMatch(/^operation +allowed +handler$/);
    expect(table).toContain('Query.forgotten        NOBODY (no @Roles/@Public)                  FiguresResolver.forgotten');
    expect(table).toHaveLength(2 + 8);
  });
});
