import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Role, Roles, type Principal } from '#app/auth';
import { isUuid } from '#app/common';
import { tryParsePeriod } from '#app/standard';
import { NodeScope } from '../access/node-actor.js';
import { ConsentException } from '../consent/consent.exception.js';
import { ConsentService } from '../consent/consent.service.js';
import { PERSON_FILTER_FIELDS, PersonConsentState, PersonSort, PersonsArgs, type PersonFilterField } from '../persons/dto/persons.args.js';
import { PersonsException } from '../persons/persons.exception.js';
import { PersonsService } from '../persons/persons.service.js';
import { IdentityAccessChannel } from '../vault/identity-access.entity.js';
import type { IdentityModel } from '../vault/identity.model.js';
import { NodeVaultException, VaultErrorCode } from '../vault/vault.exception.js';
import { VaultReadService } from '../vault/vault-read.service.js';
import { ConsoleDatabaseGate } from './console-database-gate.interceptor.js';
import { ConsoleExceptionFilter } from './console-exception.filter.js';
import { problemText, type FieldErrors } from './console-form-controls.js';
import { seeOther, sendHtml } from './console-http.js';
import { isErrorMessageKey, type MessageKey } from './console-messages.js';
import { PERSONS_PAGE_SIZE, personPage, personsPage, type PersonListQuery, type PersonPageData } from './console-person-pages.js';
import type { Notice, PageFrame } from './console-pages.js';
import { ConsoleRequests, type ConsoleForm } from './console-requests.service.js';
import { ConsoleErrorCode, ConsoleException } from './console.exception.js';

/** The list's query string, as the browser sends it. */
type PersonListParameters = Readonly<Partial<Record<'period' | 'consent' | 'sort' | 'page' | PersonFilterField, string | string[]>>>;

interface ConsentForm extends ConsoleForm {
  readonly statistics?: string;
  readonly international?: string;
  readonly givenOn?: string;
}

/** The notice of a person's page after a form saved something there (`?saved=`). */
const SAVED_NOTICES: Readonly<Record<string, MessageKey>> = {
  consent: 'person.consentSaved',
  person: 'form.personCreated',
  registration: 'form.registrationSaved',
  identity: 'form.identitySaved',
};

/** Form field of each consent input path the consent service names. */
const CONSENT_FIELD_OF_PATH: Readonly<Record<string, string>> = {
  'input.statistics': 'statistics',
  'input.international': 'international',
  'input.givenOn': 'givenOn',
};

/**
 * The console's persons: the list, filtered, sorted and paged by the database; one person's record; their identity
 * shown only on an explicit action, which the vault writes to the audit log first; the steward's consent form.
 */
@Controller('console/persons')
@UseFilters(ConsoleExceptionFilter)
@UseInterceptors(ConsoleDatabaseGate)
export class ConsolePersonsController {
  constructor(
    private readonly requests: ConsoleRequests,
    private readonly scope: NodeScope,
    private readonly persons: PersonsService,
    private readonly vaultRead: VaultReadService,
    private readonly consentService: ConsentService,
  ) {}

  @Roles(Role.RAPPORTEUR, Role.STEWARD)
  @Get()
  async list(
    @Query() parameters: PersonListParameters,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const frame = this.requests.frame(request, principal);
    const { query, args, errors } = listQueryOf(parameters, frame);
    const render = async (status: number, fieldErrors: FieldErrors) => {
      const found =
        Object.keys(fieldErrors).length > 0
          ? { items: [], totalCount: 0 }
          : await this.persons.persons(this.scope.actorOf(principal), args);
      sendHtml(
        response,
        status,
        personsPage(frame, {
          query,
          persons: found.items,
          totalCount: found.totalCount,
          pageSize: PERSONS_PAGE_SIZE,
          canCreate: principal.roles.includes(Role.RAPPORTEUR),
          ...(Object.keys(fieldErrors).length > 0
            ? { errors: fieldErrors, notice: { kind: 'alert', text: frame.t('error.INVALID_INPUT') } }
            : {}),
        }),
      );
    };
    if (Object.keys(errors).length > 0) return render(400, errors);
    try {
      await render(200, {});
    } catch (error) {
      if (!(error instanceof PersonsException)) throw error;
      await render(error.httpStatus, fieldErrorsOf(frame, error.code, error.fields));
    }
  }

  @Roles(Role.RAPPORTEUR, Role.STEWARD)
  @Get(':personId')
  async person(
    @Param('personId') personId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    sendHtml(response, 200, await this.renderPerson(request, principal, checkedPersonId(personId), {}));
  }

  /** Shows the identity, once, on this response: the reading is in the audit log before the page is sent. */
  @Roles(Role.RAPPORTEUR)
  @Post(':personId/identity/show')
  async showIdentity(
    @Param('personId') personId: string,
    @Body() form: ConsoleForm,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    this.requests.checkedSession(request, form);
    const id = checkedPersonId(personId);
    let identity: IdentityModel | 'shredded';
    try {
      identity = await this.vaultRead.identityOf(this.scope.actorOf(principal), id, IdentityAccessChannel.CONSOLE);
    } catch (error) {
      if (!(error instanceof NodeVaultException) || error.code !== VaultErrorCode.IDENTITY_SHREDDED) throw error;
      identity = 'shredded';
    }
    sendHtml(response, 200, await this.renderPerson(request, principal, id, { identity }));
  }

  @Roles(Role.STEWARD)
  @Post(':personId/consent')
  async recordConsent(
    @Param('personId') personId: string,
    @Body() form: ConsentForm,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const session = this.requests.checkedSession(request, form);
    const id = checkedPersonId(personId);
    this.requests.consumeForm(session, form);
    const sent = {
      statistics: form.statistics === 'true',
      international: form.international === 'true',
      givenOn: (form.givenOn ?? '').trim(),
    };
    try {
      await this.consentService.recordConsent(this.scope.actorOf(principal), id, {
        ...sent,
        givenOn: sent.givenOn === '' ? null : sent.givenOn,
      });
    } catch (error) {
      if (!(error instanceof ConsentException)) throw error;
      const frame = this.requests.frame(request, principal);
      const fields = error.fields.flatMap((path) => CONSENT_FIELD_OF_PATH[path] ?? []);
      // A refusal about a field is said beside it; one about the person (revoked meanwhile) above the page.
      const errorKey = `error.${error.code}`;
      const notice = fields.length > 0 ? frame.t('error.INVALID_INPUT') : isErrorMessageKey(errorKey) ? frame.t(errorKey) : error.message;
      sendHtml(
        response,
        error.httpStatus,
        await this.renderPerson(request, principal, id, {
          errors: fieldErrorsOf(frame, error.code, fields),
          notice: { kind: 'alert', text: notice },
          consentSent: sent,
        }),
      );
      return;
    }
    seeOther(response, `/console/persons/${id}?saved=consent`);
  }

  private async renderPerson(
    request: Request,
    principal: Principal,
    personId: string,
    extra: Pick<PersonPageData, 'identity' | 'errors' | 'notice' | 'consentSent'>,
  ): Promise<string> {
    const frame = this.requests.frame(request, principal);
    const actor = this.scope.actorOf(principal);
    const person = await this.persons.person(actor, personId);
    const saved = SAVED_NOTICES[String(request.query['saved'])];
    const notice: Notice | undefined = extra.notice ?? (saved === undefined ? undefined : { kind: 'status', text: frame.t(saved) });
    return personPage(frame, {
      person,
      accesses: await this.vaultRead.accessesOf(actor, personId),
      canReadIdentity: principal.roles.includes(Role.RAPPORTEUR),
      canEdit: principal.roles.includes(Role.RAPPORTEUR) && !person.revoked,
      canRecordConsent: principal.roles.includes(Role.STEWARD),
      formToken: this.requests.openForm(this.requests.sessionOf(request)),
      ...(extra.identity === undefined ? {} : { identity: extra.identity }),
      ...(extra.errors === undefined ? {} : { errors: extra.errors }),
      ...(extra.consentSent === undefined ? {} : { consentSent: extra.consentSent }),
      ...(notice === undefined ? {} : { notice }),
    });
  }
}

function checkedPersonId(personId: string): string {
  if (!isUuid(personId)) throw new ConsoleException(ConsoleErrorCode.NOT_FOUND, 'No such page.', ['personId']);
  return personId;
}

/** The one value of a query parameter (the first when a hand-made URL repeats it). */
function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

/** The list's filters from the query string; a period that is no quarter or year is a field error. */
function listQueryOf(
  parameters: PersonListParameters,
  frame: PageFrame,
): { query: PersonListQuery; args: PersonsArgs; errors: FieldErrors } {
  const errors: Record<string, string> = {};
  const periodText = single(parameters.period);
  const period = periodText === '' ? undefined : tryParsePeriod(periodText);
  if (periodText !== '' && period === undefined) errors['period'] = frame.t('persons.periodInvalid');
  const codes: Partial<Record<PersonFilterField, string>> = {};
  for (const name of PERSON_FILTER_FIELDS) {
    const code = single(parameters[name]);
    if (code !== '') codes[name] = code;
  }
  const consentText = single(parameters.consent);
  const consent = Object.values(PersonConsentState).find((state) => state === consentText);
  const sort = Object.values(PersonSort).find((candidate) => candidate === single(parameters.sort)) ?? PersonSort.OLDEST_FIRST;
  const requestedPage = Number.parseInt(single(parameters.page), 10);
  const page = Number.isInteger(requestedPage) && requestedPage > 0 && requestedPage <= 100_000 ? requestedPage : 1;
  const args = Object.assign(new PersonsArgs(), {
    first: PERSONS_PAGE_SIZE,
    offset: (page - 1) * PERSONS_PAGE_SIZE,
    period: period ?? null,
    consent: consent ?? null,
    sort,
    ...codes,
  });
  return { query: { period: periodText, codes, consent, sort, page }, args, errors };
}

/** A refusal's message beside each field it names, in the reader's language. */
function fieldErrorsOf(frame: PageFrame, code: string, fields: readonly string[]): FieldErrors {
  const text = problemText(frame, code, code);
  return Object.fromEntries(fields.map((field) => [field, text]));
}
