import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { validateAuthConfig, type AuthConfig, type ResolvedAuthConfig } from './auth-config.js';
import { AuthGuard } from './auth.guard.js';
import { DevIssuer } from './dev-issuer.js';
import { JwtVerifier } from './jwt-verifier.js';
import { TokenBucketRateLimiter } from './rate-limiter.js';
import { RequestAuthenticator } from './request-authenticator.js';

/** Injection token of the app's `AuthConfig`. */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

@Module({})
export class AuthModule {
  /**
   * Global: provides `JwtVerifier`, the rate limiter, the request authenticator and the deny-by-default guard for every route and resolver.
   * In DEV_ISSUER mode the development key pair is created on first start, so a fresh checkout runs without set-up.
   */
  static forRoot(config: AuthConfig | ResolvedAuthConfig): DynamicModule {
    validateAuthConfig(config);
    return {
      module: AuthModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [
        { provide: AUTH_CONFIG, useValue: config },
        {
          provide: JwtVerifier,
          useFactory: async () => {
            if ('mode' in config && config.mode === 'DEV_ISSUER') await DevIssuer.loadOrCreate(config.devIssuerDir);
            return JwtVerifier.fromConfig(config);
          },
        },
        { provide: TokenBucketRateLimiter, useFactory: () => new TokenBucketRateLimiter({ perMinute: config.rateLimitPerMinute }) },
        RequestAuthenticator,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_CONFIG, JwtVerifier, TokenBucketRateLimiter, RequestAuthenticator],
    };
  }
}
