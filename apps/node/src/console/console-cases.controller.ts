import { Body, Controller, Get, Param, Post, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CurrentPrincipal, Role, Roles, type Principal } from '#app/auth';
import { isUuid } from '#app/common';
import { NodeScope } from '../access/node-actor.js';
import { CasesException, type CasesInputProblem } from '../cases/cases.exception.js';
import { CasesService } from '../cases/cases.service.js';
import type { CreatePersonInput } from '../cases/dto/create-person.input.js';
import type { RegistrationInput } from '../cases/dto/registration.input.js';
import { PersonsService } from '../persons/persons.service.js';
import type { PersonModel } from '../persons/person.model.js';
import { IdentityAccessChannel } from '../vault/identity-access.entity.js';
import { VaultReadService } from '../vault/vault-read.service.js';
import {
  formFieldOfPath,
  formValuesOfIdentity,
  formValuesOfRegistration,
  identityFormPage,
  identityInputOf,
  newPersonPage,
  registrationFormPage,
  registrationInputOf,
  textOf,
  type FormValues,
} from './console-case-forms.js';
import { ConsoleDatabaseGate } from './console-database-gate.interceptor.js';
import { ConsoleExceptionFilter } from './console-exception.filter.js';
import { problemText, type FieldErrors } from './console-form-controls.js';
import { seeOther, sendHtml } from './console-http.js';
import type { Notice, PageFrame } from './console-pages.js';
import { ConsoleRequests, type ConsoleForm } from './console-requests.service.js';
import { ConsoleErrorCode, ConsoleException } from './console.exception.js';

type CaseForm = ConsoleForm & FormValues;

/**
 * The rapporteur's case forms: a new person (reference, identity, consent, first registration), another registration,
 * a registration corrected, an identity corrected. The pickers are the standard's code lists; the cases service checks
 * what is sent against the standard, and each problem comes back beside its field with the form as it was sent.
 */
@Controller('console/persons')
@UseFilters(ConsoleExceptionFilter)
@UseInterceptors(ConsoleDatabaseGate)
export class ConsoleCasesController {
  constructor(
    private readonly requests: ConsoleRequests,
    private readonly scope: NodeScope,
    private readonly cases: CasesService,
    private readonly persons: PersonsService,
    private readonly vaultRead: VaultReadService,
  ) {}

  @Roles(Role.RAPPORTEUR)
  @Get('new')
  newPerson(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Res() response: Response): void {
    const frame = this.requests.frame(request, principal);
    const values: FormValues = { 'consent.statistics': 'true' };
    sendHtml(response, 200, newPersonPage(frame, { values, formToken: this.requests.openForm(this.requests.sessionOf(request)) }));
  }

  @Roles(Role.RAPPORTEUR)
  @Post('new')
  async createPerson(
    @Body() form: CaseForm,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const session = this.requests.checkedSession(request, form);
    this.requests.consumeForm(session, form);
    const givenOn = textOf(form, 'consent.givenOn');
    const reference = textOf(form, 'externalRef');
    const input: CreatePersonInput = {
      externalRef: reference === '' ? null : reference,
      identity: identityInputOf(form),
      consent: {
        statistics: textOf(form, 'consent.statistics') === 'true',
        international: textOf(form, 'consent.international') === 'true',
        givenOn: givenOn === '' ? null : givenOn,
      },
      registrations: [registrationInputOf(form) as RegistrationInput],
    };
    await this.saved(
      request,
      response,
      principal,
      form,
      (frame, data) => newPersonPage(frame, data),
      async () => {
        const person = await this.cases.createPerson(this.scope.actorOf(principal), input);
        return `/console/persons/${person.id}?saved=person`;
      },
    );
  }

  @Roles(Role.RAPPORTEUR)
  @Get(':personId/registrations/new')
  async newRegistration(
    @Param('personId') personId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const person = await this.openPerson(principal, personId);
    const frame = this.requests.frame(request, principal);
    const formToken = this.requests.openForm(this.requests.sessionOf(request));
    sendHtml(response, 200, registrationFormPage(frame, targetOf(frame, person), { values: {}, formToken }));
  }

  @Roles(Role.RAPPORTEUR)
  @Post(':personId/registrations/new')
  async addRegistration(
    @Param('personId') personId: string,
    @Body() form: CaseForm,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const session = this.requests.checkedSession(request, form);
    const person = await this.openPerson(principal, personId);
    this.requests.consumeForm(session, form);
    const target = targetOf(this.requests.frame(request, principal), person);
    await this.saved(
      request,
      response,
      principal,
      form,
      (frame, data) => registrationFormPage(frame, target, data),
      async () => {
        await this.cases.addRegistration(this.scope.actorOf(principal), person.id, registrationInputOf(form) as RegistrationInput);
        return `/console/persons/${person.id}?saved=registration`;
      },
    );
  }

  @Roles(Role.RAPPORTEUR)
  @Get(':personId/registrations/:registrationId')
  async registration(
    @Param('personId') personId: string,
    @Param('registrationId') registrationId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const person = await this.openPerson(principal, personId);
    const registration = registrationOf(person, registrationId);
    const frame = this.requests.frame(request, principal);
    const target = { ...targetOf(frame, person), registrationId: registration.id, period: registration.period };
    const formToken = this.requests.openForm(this.requests.sessionOf(request));
    sendHtml(response, 200, registrationFormPage(frame, target, { values: formValuesOfRegistration(registration), formToken }));
  }

  @Roles(Role.RAPPORTEUR)
  @Post(':personId/registrations/:registrationId')
  async correctRegistration(
    @Param('personId') personId: string,
    @Param('registrationId') registrationId: string,
    @Body() form: CaseForm,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const session = this.requests.checkedSession(request, form);
    const person = await this.openPerson(principal, personId);
    const registration = registrationOf(person, registrationId);
    this.requests.consumeForm(session, form);
    const target = {
      ...targetOf(this.requests.frame(request, principal), person),
      registrationId: registration.id,
      period: registration.period,
    };
    await this.saved(
      request,
      response,
      principal,
      form,
      (frame, data) => registrationFormPage(frame, target, data),
      async () => {
        await this.cases.correctRegistration(
          this.scope.actorOf(principal),
          registration.id,
          registrationInputOf(form) as RegistrationInput,
        );
        return `/console/persons/${person.id}?saved=registration`;
      },
    );
  }

  /** The identity form, filled with the current identity: opening it is a reading, written to the audit log. */
  @Roles(Role.RAPPORTEUR)
  @Get(':personId/identity')
  async identity(
    @Param('personId') personId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const person = await this.openPerson(principal, personId);
    const identity = await this.vaultRead.identityOf(this.scope.actorOf(principal), person.id, IdentityAccessChannel.CONSOLE);
    const frame = this.requests.frame(request, principal);
    const formToken = this.requests.openForm(this.requests.sessionOf(request));
    sendHtml(response, 200, identityFormPage(frame, targetOf(frame, person), { values: formValuesOfIdentity(identity), formToken }));
  }

  @Roles(Role.RAPPORTEUR)
  @Post(':personId/identity')
  async correctIdentity(
    @Param('personId') personId: string,
    @Body() form: CaseForm,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const session = this.requests.checkedSession(request, form);
    const person = await this.openPerson(principal, personId);
    this.requests.consumeForm(session, form);
    const target = targetOf(this.requests.frame(request, principal), person);
    await this.saved(
      request,
      response,
      principal,
      form,
      (frame, data) => identityFormPage(frame, target, data),
      async () => {
        await this.cases.correctIdentity(this.scope.actorOf(principal), person.id, identityInputOf(form));
        return `/console/persons/${person.id}?saved=identity`;
      },
    );
  }

  /** The person of a form's URL; a revoked person's record is closed (PERSON_REVOKED, said on the page). */
  private async openPerson(principal: Principal, personId: string): Promise<PersonModel> {
    if (!isUuid(personId)) throw new ConsoleException(ConsoleErrorCode.NOT_FOUND, 'No such page.', ['personId']);
    return this.persons.person(this.scope.actorOf(principal), personId);
  }

  /**
   * Runs the write and sends the browser on (303); a refusal of the standard shows the form again as it was sent,
   * with each problem beside its field (a problem of no field, such as a duplicate registration, above the form).
   */
  private async saved(
    request: Request,
    response: Response,
    principal: Principal,
    form: CaseForm,
    page: (frame: PageFrame, data: { values: FormValues; errors: FieldErrors; notice: Notice; formToken: string }) => string,
    write: () => Promise<string>,
  ): Promise<void> {
    let next: string;
    try {
      next = await write();
    } catch (error) {
      if (!(error instanceof CasesException)) throw error;
      const frame = this.requests.frame(request, principal);
      const problems = (error.details['problems'] as readonly CasesInputProblem[] | undefined) ?? [
        ...error.fields.map((path) => ({ path, code: error.code, message: error.message })),
      ];
      const errors: Record<string, string> = {};
      const unplaced: string[] = [];
      for (const problem of problems) {
        const field = formFieldOfPath(problem.path);
        const text = problemText(frame, problem.code, problem.message);
        if (field === undefined) unplaced.push(text);
        else errors[field] ??= text;
      }
      const summary = unplaced.length > 0 ? unplaced.join(' ') : frame.t('error.INVALID_INPUT');
      const formToken = this.requests.openForm(this.requests.sessionOf(request));
      sendHtml(response, error.httpStatus, page(frame, { values: form, errors, notice: { kind: 'alert', text: summary }, formToken }));
      return;
    }
    seeOther(response, next);
  }
}

function targetOf(frame: PageFrame, person: PersonModel): { personId: string; reference: string } {
  return { personId: person.id, reference: person.externalRef ?? frame.t('persons.noReference') };
}

function registrationOf(person: PersonModel, registrationId: string): PersonModel['registrations'][number] {
  const registration = person.registrations.find((candidate) => candidate.id === registrationId.toLowerCase());
  if (registration === undefined) throw new ConsoleException(ConsoleErrorCode.NOT_FOUND, 'No such registration.', ['registrationId']);
  return registration;
}
