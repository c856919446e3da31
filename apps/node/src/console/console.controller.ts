import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Public, Role, Roles, type Principal } from '#app/auth';
import { isUuid } from '#app/common';
import { type Period } from '#app/standard';
import { NodeScope } from '../access/node-actor.js';
import { NodeConfig } from '../config/node.config.js';
import { ConsentService } from '../consent/consent.service.js';
import { RevocationsArgs } from '../consent/dto/revocations.args.js';
import { PersonsArgs } from '../persons/dto/persons.args.js';
import { PersonsService } from '../persons/persons.service.js';
import { ReturnsArgs } from '../returns/dto/returns.args.js';
import { changedFigures } from '../returns/return-preview.js';
import { ReturnsException } from '../returns/returns.exception.js';
import { ReturnsService } from '../returns/returns.service.js';
import { CONSOLE_CSS, CONSOLE_JS } from './console-assets.js';
import { ConsoleDatabaseGate } from './console-database-gate.interceptor.js';
import { ConsoleExceptionFilter } from './console-exception.filter.js';
import {
  clearSessionCookie,
  consolePathOrHome,
  seeOther,
  sendHtml,
  setLanguageCookie,
  setSessionCookie,
  setSignInStateCookie,
  SIGN_IN_STATE_COOKIE,
} from './console-http.js';
import { ConsoleOidc } from './console-oidc.service.js';
import { isConsoleLanguage, isErrorMessageKey } from './console-messages.js';
import {
  confirmRevocationPage,
  consentPage,
  deliveryFragment,
  homePage,
  returnPage,
  revocationsFragment,
  signInPage,
  type DeliveryRow,
  type PageFrame,
  type Notice,
  type QuarterSummary,
  type RevocationRow,
} from './console-pages.js';
import { consoleQuarter, recentQuarters } from './console-periods.js';
import { ConsoleRequests, type ConsoleForm } from './console-requests.service.js';
import { cookieValue, ConsoleSessions, type ConsoleSession } from './console-sessions.service.js';
import { CONSOLE_ROLES, ConsoleSignIn } from './console-sign-in.service.js';
import { ConsoleErrorCode, ConsoleException } from './console.exception.js';

/** The return form's own field. */
interface ReturnForm extends ConsoleForm {
  readonly confirmZero?: string;
}

/**
 * The node console: server-rendered pages for the rapporteur's quarterly return (preview with the hub's protection,
 * the changes since the last revision, sign and submit, delivery followed live) and the steward's revocations (find
 * by case reference, confirm what will happen, follow the notice to the hub's verified receipt). Signed in through a one-time code
 * exchanged for a session cookie (the guard reads it for console paths only); every form carries the session's CSRF
 * token and a one-time form token. The pages call the node's services, the same ones its GraphQL API calls.
 */
@Controller('console')
@UseFilters(ConsoleExceptionFilter)
export class ConsoleController {
  constructor(
    private readonly config: NodeConfig,
    private readonly sessions: ConsoleSessions,
    private readonly requests: ConsoleRequests,
    private readonly signIn: ConsoleSignIn,
    private readonly scope: NodeScope,
    private readonly returns: ReturnsService,
    private readonly persons: PersonsService,
    private readonly consentService: ConsentService,
    private readonly oidc: ConsoleOidc,
  ) {}

  @Public()
  @Get('assets/console.css')
  stylesheet(@Res() response: Response): void {
    response.setHeader('Cache-Control', 'public, max-age=3600');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.type('text/css; charset=utf-8').send(CONSOLE_CSS);
  }

  @Public()
  @Get('assets/console.js')
  script(@Res() response: Response): void {
    response.setHeader('Cache-Control', 'public, max-age=3600');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.type('text/javascript; charset=utf-8').send(CONSOLE_JS);
  }

  /** With `?code=`, exchanges the code for a session and leaves the URL at once (303); without, says how to sign in. */
  @Public()
  @Get('sign-in')
  async signInPage(
    @Query('code') code: string | undefined,
    @Query('ended') ended: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    if (typeof code === 'string' && code !== '') {
      const principal = await this.signIn.exchange(code);
      const { cookie } = this.sessions.open(principal);
      setSessionCookie(request, response, cookie);
      seeOther(response, '/console');
      return;
    }
    const frame = this.requests.frame(request, undefined);
    const notice = ended === 'signed-out' ? frame.t('signIn.signedOut') : ended === 'expired' ? frame.t('signIn.expired') : undefined;
    sendHtml(response, 200, signInPage(frame, notice, this.oidc.enabled));
  }

  /** Sends the browser to the identity provider (OpenID Connect, code flow with PKCE). */
  @Public()
  @Get('sign-in/provider')
  async signInAtProvider(@Req() request: Request, @Res() response: Response): Promise<void> {
    const { url, state } = await this.oidc.begin(this.callbackUrl(request));
    setSignInStateCookie(request, response, state);
    seeOther(response, url);
  }

  /** The provider's answer: the code is redeemed, the account let in (console role, this country), a session opened. */
  @Public()
  @Get('sign-in/callback')
  async signInCallback(
    @Query('code') code: string | undefined,
    @Query('state') state: string | undefined,
    @Query('error') error: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    setSignInStateCookie(request, response, undefined);
    if (error !== undefined || typeof code !== 'string' || typeof state !== 'string' || code === '' || state === '') {
      throw new ConsoleException(ConsoleErrorCode.SIGN_IN_REFUSED, 'The identity provider did not sign you in.', [], {
        reason: 'provider',
      });
    }
    const principal = await this.oidc.complete(state, cookieValue(request.headers.cookie, SIGN_IN_STATE_COOKIE), code);
    const { cookie } = this.sessions.open(this.signIn.admit(principal, 'state'));
    setSessionCookie(request, response, cookie);
    seeOther(response, '/console');
  }

  @Public()
  @Get('language')
  language(
    @Query('to') to: string | undefined,
    @Query('back') back: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ): void {
    if (isConsoleLanguage(to)) setLanguageCookie(request, response, to);
    seeOther(response, consolePathOrHome(back));
  }

  @Roles(...CONSOLE_ROLES)
  @Post('sign-out')
  signOut(@Body() form: ConsoleForm, @Req() request: Request, @Res() response: Response): void {
    this.requests.checkedSession(request, form);
    this.sessions.close(request);
    clearSessionCookie(request, response);
    seeOther(response, '/console/sign-in?ended=signed-out');
  }

  @UseInterceptors(ConsoleDatabaseGate)
  @Roles(...CONSOLE_ROLES)
  @Get()
  async home(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Res() response: Response): Promise<void> {
    const actor = this.scope.actorOf(principal);
    let quarters: QuarterSummary[] | undefined;
    if (principal.roles.includes(Role.RAPPORTEUR)) {
      const submitted = await this.returns.list(actor, Object.assign(new ReturnsArgs(), { first: 100, offset: 0 }));
      const latest = new Map<string, (typeof submitted)[number]>();
      for (const entry of submitted) if (!latest.has(entry.period)) latest.set(entry.period, entry);
      quarters = recentQuarters(this.config.firstPeriod, new Date(), [...latest.keys()]).map((period) => {
        const last = latest.get(period);
        return { period, lastRevision: last?.revision, state: last?.state };
      });
    }
    sendHtml(response, 200, homePage(this.requests.frame(request, principal), quarters, principal.roles.includes(Role.STEWARD)));
  }

  @UseInterceptors(ConsoleDatabaseGate)
  @Roles(Role.STEWARD)
  @Get('consent')
  async consent(
    @Query('revoked') revoked: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const frame = this.requests.frame(request, principal);
    const notice = revoked === undefined ? undefined : { kind: 'status' as const, text: frame.t('consent.revoked') };
    sendHtml(response, 200, consentPage(frame, { revocations: await this.revocationRows(principal), ...(notice ? { notice } : {}) }));
  }

  @UseInterceptors(ConsoleDatabaseGate)
  @Roles(Role.STEWARD)
  @Get('consent/revocations')
  async revocationsTable(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Res() response: Response): Promise<void> {
    sendHtml(response, 200, revocationsFragment(this.requests.frame(request, principal), await this.revocationRows(principal)).text);
  }

  /** Finds the person by case reference and asks for confirmation; nothing changes yet. */
  @UseInterceptors(ConsoleDatabaseGate)
  @Roles(Role.STEWARD)
  @Post('consent/find')
  async findForRevocation(
    @Body() form: ConsoleForm & { reference?: string },
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const session = this.requests.checkedSession(request, form);
    const frame = this.requests.frame(request, principal);
    const reference = (form.reference ?? '').trim();
    const actor = this.scope.actorOf(principal);
    const [person] =
      reference === ''
        ? []
        : (await this.persons.persons(actor, Object.assign(new PersonsArgs(), { first: 1, offset: 0, externalRef: reference }))).items;
    const refusal = (text: string) => sendHtml(response, 404, consentPage(frame, { revocations: [], notice: { kind: 'alert', text } }));
    if (person === undefined) return refusal(frame.t('consent.notFound', { reference }));
    if (person.revoked) return refusal(frame.t('consent.alreadyRevoked', { date: person.revokedAt?.toISOString().slice(0, 10) ?? '' }));
    sendHtml(
      response,
      200,
      confirmRevocationPage(frame, {
        reference,
        personId: person.id,
        registrations: person.registrations.length,
        given: person.consent.internationalGivenOn ?? '–',
        formToken: this.requests.openForm(session),
      }),
    );
  }

  @UseInterceptors(ConsoleDatabaseGate)
  @Roles(Role.STEWARD)
  @Post('consent/revoke')
  async revoke(
    @Body() form: ConsoleForm & { personId?: string },
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const session = this.requests.checkedSession(request, form);
    this.requests.consumeForm(session, form);
    if (typeof form.personId !== 'string' || !isUuid(form.personId)) {
      throw new ConsoleException(ConsoleErrorCode.FORM_EXPIRED, 'This form was sent already or is out of date.', ['form']);
    }
    const revocation = await this.consentService.revokeConsent(this.scope.actorOf(principal), form.personId);
    seeOther(response, `/console/consent?revoked=${revocation.id}`);
  }

  @UseInterceptors(ConsoleDatabaseGate)
  @Roles(Role.RAPPORTEUR)
  @Get('returns/:period')
  async returnPage(
    @Param('period') periodText: string,
    @Query('submitted') submitted: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const period = consoleQuarter(periodText);
    const frame = this.requests.frame(request, principal);
    const revision = Number(submitted);
    const notice =
      Number.isInteger(revision) && revision > 0 ? { kind: 'status' as const, text: frame.t('return.submitted', { revision }) } : undefined;
    sendHtml(response, 200, await this.renderReturn(frame, principal, this.sessions.sessionOf(request), period, notice));
  }

  /** Signs and queues the return; a refusal (a period to confirm as zero) is shown on the page, beside the form. */
  @UseInterceptors(ConsoleDatabaseGate)
  @Roles(Role.RAPPORTEUR)
  @Post('returns/:period')
  async submit(
    @Param('period') periodText: string,
    @Body() form: ReturnForm,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const period = consoleQuarter(periodText);
    const session = this.requests.checkedSession(request, form);
    this.requests.consumeForm(session, form);
    try {
      const saved = await this.returns.submit(this.scope.actorOf(principal), period, form.confirmZero === 'true');
      seeOther(response, `/console/returns/${saved.period}?submitted=${saved.revision}`);
    } catch (error) {
      if (!(error instanceof ReturnsException)) throw error;
      const frame = this.requests.frame(request, principal);
      const key = `error.${error.code}`;
      const text = isErrorMessageKey(key) ? frame.t(key) : error.message;
      sendHtml(response, error.httpStatus, await this.renderReturn(frame, principal, session, period, { kind: 'alert', text }));
    }
  }

  /** The delivery table alone, which the page's script swaps in while a revision is on its way. */
  @UseInterceptors(ConsoleDatabaseGate)
  @Roles(Role.RAPPORTEUR)
  @Get('returns/:period/delivery')
  async delivery(
    @Param('period') periodText: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const period = consoleQuarter(periodText);
    const frame = this.requests.frame(request, principal);
    sendHtml(response, 200, deliveryFragment(frame, periodText, await this.deliveries(principal, period)).text);
  }

  /** Where the provider sends the browser back: the configured public address, else this request's own. */
  private callbackUrl(request: Request): string {
    const base = this.config.consoleOidc?.publicUrl ?? `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`;
    return `${base}/console/sign-in/callback`;
  }

  private async renderReturn(
    frame: PageFrame,
    principal: Principal,
    session: ConsoleSession | undefined,
    period: Period,
    notice: Notice | undefined,
  ): Promise<string> {
    const actor = this.scope.actorOf(principal);
    const preview = await this.returns.preview(actor, period);
    const submitted = await this.returns.latestSubmittedFigures(actor, period);
    return returnPage(frame, {
      period: preview.period,
      nextRevision: preview.nextRevision,
      recordCount: preview.recordCount,
      withheld: preview.withheld,
      needsZeroConfirmation: preview.needsZeroConfirmation,
      threshold: preview.threshold,
      datasets: preview.datasets,
      comparison:
        submitted === undefined
          ? undefined
          : { revision: submitted.revision, changes: changedFigures(submitted.datasets, preview.datasets) },
      deliveries: await this.deliveries(principal, period),
      formToken: this.requests.openForm(session),
      ...(notice === undefined ? {} : { notice }),
    });
  }

  private async revocationRows(principal: Principal): Promise<RevocationRow[]> {
    const listed = await this.consentService.revocations(
      this.scope.actorOf(principal),
      Object.assign(new RevocationsArgs(), { first: 50, offset: 0 }),
    );
    return listed.map((revocation) => ({
      id: revocation.id,
      pseudonym: revocation.pseudonym,
      revokedAt: revocation.revokedAt,
      state: revocation.state,
      attempts: revocation.attempts,
      lastErrorCode: revocation.lastErrorCode,
      erased: revocation.erased,
      figuresPromise: revocation.figuresPromise,
    }));
  }

  private async deliveries(principal: Principal, period: Period): Promise<DeliveryRow[]> {
    const listed = await this.returns.list(
      this.scope.actorOf(principal),
      Object.assign(new ReturnsArgs(), { first: 20, offset: 0, period }),
    );
    return listed.map((entry) => ({
      revision: entry.revision,
      generatedAt: entry.generatedAt,
      state: entry.state,
      attempts: entry.attempts,
      nextAttemptAt: entry.nextAttemptAt,
      lastErrorCode: entry.lastErrorCode,
      hubStatus: entry.hubStatus,
    }));
  }
}
