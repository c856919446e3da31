import { html, type Markup } from '#app/platform';
import { CASE_FIELDS, type RecordFieldDescriptor } from '#app/standard';
import { PERSON_FILTER_FIELDS, PersonConsentState, PersonSort, type PersonFilterField } from '../persons/dto/persons.args.js';
import type { PersonModel } from '../persons/person.model.js';
import type { RegistrationModel } from '../persons/registration.model.js';
import type { IdentityAccessModel } from '../vault/identity-access.model.js';
import type { IdentityModel } from '../vault/identity.model.js';
import {
  checkboxControl,
  codeLabelOf,
  codeOptions,
  fieldLabel,
  inputControl,
  recordField,
  selectControl,
  type FieldErrors,
} from './console-form-controls.js';
import type { ConsoleLanguage } from './console-messages.js';
import { formatTime, noticeBlock, renderPage, type Notice, type PageFrame } from './console-pages.js';

/** The list's filters as the page's query string carries them (strings, checked by the persons service). */
export interface PersonListQuery {
  readonly period: string;
  readonly codes: Readonly<Partial<Record<PersonFilterField, string>>>;
  readonly consent: PersonConsentState | undefined;
  readonly sort: PersonSort;
  readonly page: number;
}

export interface PersonListData {
  readonly query: PersonListQuery;
  readonly persons: readonly PersonModel[];
  readonly totalCount: number;
  readonly pageSize: number;
  readonly canCreate: boolean;
  readonly notice?: Notice;
  readonly errors?: FieldErrors;
}

export const PERSONS_PAGE_SIZE = 50;

/** The list of persons: filters (a GET form, so a filtered list can be bookmarked), a page of persons, paging. */
export function personsPage(frame: PageFrame, data: PersonListData): string {
  const { t, language } = frame;
  const { query } = data;
  const errors = data.errors ?? {};
  const filterControls = PERSON_FILTER_FIELDS.map((name) =>
    selectControl({
      id: `filter-${name}`,
      name,
      label: fieldLabel(language, name),
      options: codeOptions(recordField(name), language),
      selected: query.codes[name] === undefined ? [] : [query.codes[name] as string],
      empty: t('persons.any'),
      errors,
    }),
  );
  const consentControl = selectControl({
    id: 'filter-consent',
    name: 'consent',
    label: t('persons.consent'),
    options: Object.values(PersonConsentState).map((state) => ({ code: state, label: t(`consentState.${state}`) })),
    selected: query.consent === undefined ? [] : [query.consent],
    empty: t('persons.any'),
    errors,
  });
  const sortControl = selectControl({
    id: 'filter-sort',
    name: 'sort',
    label: t('persons.sort'),
    options: Object.values(PersonSort).map((sort) => ({ code: sort, label: t(`persons.sort.${sort}`) })),
    selected: [query.sort],
    errors,
  });
  const first = data.totalCount === 0 ? 0 : (query.page - 1) * data.pageSize + 1;
  const last = Math.min(data.totalCount, query.page * data.pageSize);
  const rows = data.persons.map(
    (person) => html`<tr>
<th scope="row"><a href="/console/persons/${person.id}">${person.externalRef ?? t('persons.noReference')}</a></th>
<td>${registrationSummary(language, person.registrations)}</td>
<td>${t(`consentState.${consentStateOf(person)}`)}</td>
<td>${person.createdAt.toISOString().slice(0, 10)}</td>
</tr>`,
  );
  const table =
    data.persons.length === 0
      ? html`<p>${t('persons.none')}</p>`
      : html`<table class="persons">
<caption>${t('persons.count', { from: first.toLocaleString(language), to: last.toLocaleString(language), total: data.totalCount.toLocaleString(language) })}</caption>
<thead><tr><th scope="col">${t('persons.reference')}</th><th scope="col">${t('persons.registrations')}</th><th scope="col">${t('persons.consent')}</th><th scope="col">${t('persons.created')}</th></tr></thead>
<tbody>${rows}</tbody>
</table>`;
  const pages = Math.max(1, Math.ceil(data.totalCount / data.pageSize));
  const paging =
    pages <= 1
      ? html``
      : html`<nav aria-label="${t('persons.paging')}" class="paging">
${query.page > 1 ? html`<a href="${listHref(query, query.page - 1)}" rel="prev">${t('persons.previous')}</a>` : html``}
<span>${query.page} / ${pages}</span>
${query.page < pages ? html`<a href="${listHref(query, query.page + 1)}" rel="next">${t('persons.next')}</a>` : html``}
</nav>`;
  return renderPage(
    frame,
    t('persons.title'),
    html`${noticeBlock(data.notice)}
<p>${t('persons.intro')}</p>
${data.canCreate ? html`<p><a href="/console/persons/new">${t('persons.new')}</a></p>` : html``}
<form method="get" action="/console/persons" class="filters" role="search" aria-label="${t('persons.filters')}">
<fieldset><legend>${t('persons.filters')}</legend>
${inputControl({ id: 'filter-period', name: 'period', label: t('persons.period'), value: query.period, hint: t('persons.periodHint'), errors })}
${filterControls}${consentControl}${sortControl}
</fieldset>
<p><button type="submit">${t('persons.apply')}</button> <a href="/console/persons">${t('persons.clear')}</a></p>
</form>
${table}${paging}`,
  );
}

/** The list's URL for another page, with the same filters. */
function listHref(query: PersonListQuery, page: number): string {
  const parameters = new URLSearchParams();
  if (query.period !== '') parameters.set('period', query.period);
  for (const name of PERSON_FILTER_FIELDS) if (query.codes[name] !== undefined) parameters.set(name, query.codes[name] as string);
  if (query.consent !== undefined) parameters.set('consent', query.consent);
  if (query.sort !== PersonSort.OLDEST_FIRST) parameters.set('sort', query.sort);
  parameters.set('page', String(page));
  return `/console/persons?${parameters.toString()}`;
}

export function consentStateOf(person: PersonModel): PersonConsentState {
  if (person.revoked) return PersonConsentState.REVOKED;
  if (person.consent.international) return PersonConsentState.INTERNATIONAL;
  if (person.consent.statistics) return PersonConsentState.STATISTICS_ONLY;
  return PersonConsentState.NONE;
}

/** One line per registration: period, legal status, sex, age group. */
function registrationSummary(language: ConsoleLanguage, registrations: readonly RegistrationModel[]): Markup {
  const [legalStatus, sex, ageGroup] = ['legalStatus', 'sex', 'ageGroup'].map(recordField) as [
    RecordFieldDescriptor,
    RecordFieldDescriptor,
    RecordFieldDescriptor,
  ];
  return html`${registrations.map(
    (registration, index) =>
      html`${index > 0 ? html`<br>` : html``}${registration.period} · ${codeLabelOf(legalStatus, registration.legalStatus, language)} · ${codeLabelOf(sex, registration.sex, language)} · ${codeLabelOf(ageGroup, registration.ageGroup, language)}`,
  )}`;
}

export interface PersonPageData {
  readonly person: PersonModel;
  /** The identity when the reader asked to see it (that reading is logged), `shredded` after a revocation. */
  readonly identity?: IdentityModel | 'shredded';
  readonly accesses: readonly IdentityAccessModel[];
  readonly canReadIdentity: boolean;
  readonly canEdit: boolean;
  readonly canRecordConsent: boolean;
  readonly formToken: string;
  readonly notice?: Notice;
  readonly errors?: FieldErrors;
  /** The consent form as sent, when it is shown again with its problems. */
  readonly consentSent?: { readonly statistics: boolean; readonly international: boolean; readonly givenOn: string };
}

const IDENTITY_FIELDS = ['givenNames', 'familyNames', 'birthDate', 'documentNumbers', 'phone', 'email', 'address', 'notes'] as const;

/** One person: consent, registrations (every case field, labelled), the identity on request, who read it. */
export function personPage(frame: PageFrame, data: PersonPageData): string {
  const { t, language } = frame;
  const { person } = data;
  const reference = person.externalRef ?? t('persons.noReference');
  const csrf = frame.signedIn?.csrfToken ?? '';
  const registrationRows = person.registrations.map(
    (registration) => html`<tr>
<th scope="row">${registration.period}</th>
<td>${registration.registrationDate ?? ''}</td>
${CASE_FIELDS.map((field) => html`<td>${caseValueText(field, registration, language)}</td>`)}
${data.canEdit ? html`<td><a href="/console/persons/${person.id}/registrations/${registration.id}" aria-label="${t('person.correct')} ${registration.period} ${codeLabelOf(recordField('legalStatus'), registration.legalStatus, language)}">${t('person.correct')}</a></td>` : html``}
</tr>`,
  );
  const registrations = html`<h2>${t('person.registrations')}</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">${t('person.period')}</th><th scope="col">${t('person.registeredOn')}</th>${CASE_FIELDS.map((field) => html`<th scope="col">${fieldLabel(language, field.name)}</th>`)}${data.canEdit ? html`<th scope="col"><span class="visually-hidden">${t('person.correct')}</span></th>` : html``}</tr></thead>
<tbody>${registrationRows}</tbody>
</table></div>
${data.canEdit && !person.revoked ? html`<p><a href="/console/persons/${person.id}/registrations/new">${t('person.addRegistration')}</a></p>` : html``}`;

  let identity: Markup;
  if (person.revoked || data.identity === 'shredded') identity = html`<p>${t('person.identityShredded')}</p>`;
  else if (data.identity !== undefined) {
    const shown = data.identity;
    identity = html`<p class="notice" role="status">${t('person.identityShown')}</p>
<dl class="identity">${IDENTITY_FIELDS.map((name) => {
      const value = name === 'documentNumbers' ? shown.documentNumbers.join(', ') : (shown[name] ?? '');
      return html`<dt>${fieldLabel(language, name)}</dt><dd>${value === '' ? html`<span class="hint">${t('person.notRecorded')}</span>` : value}</dd>`;
    })}</dl>
${data.canEdit ? html`<p><a href="/console/persons/${person.id}/identity">${t('person.correctIdentity')}</a></p>` : html``}`;
  } else if (data.canReadIdentity) {
    identity = html`<p>${t('person.identityHidden')}</p>
<form method="post" action="/console/persons/${person.id}/identity/show">
<input type="hidden" name="csrf" value="${csrf}">
<button type="submit">${t('person.showIdentity')}</button>
</form>
${data.canEdit ? html`<p><a href="/console/persons/${person.id}/identity">${t('person.correctIdentity')}</a> <span class="hint">${t('person.correctIdentityHint')}</span></p>` : html``}`;
  } else identity = html`<p>${t('person.identityHidden')}</p>`;

  const accesses =
    data.accesses.length === 0
      ? html`<p>${t('person.accessLogEmpty')}</p>`
      : html`<table>
<thead><tr><th scope="col">${t('person.accessedAt')}</th><th scope="col">${t('person.account')}</th><th scope="col">${t('person.channel')}</th></tr></thead>
<tbody>${data.accesses.map(
          (access) =>
            html`<tr><td>${formatTime(access.accessedAt, language)}</td><td>${access.subject}</td><td>${t(`channel.${access.channel}`)}</td></tr>`,
        )}</tbody>
</table>`;

  const consentShown = data.consentSent ?? {
    statistics: person.consent.statistics,
    international: person.consent.international,
    givenOn: '',
  };
  const consentForm =
    data.canRecordConsent && !person.revoked
      ? html`<h2>${t('person.recordConsent')}</h2>
<form method="post" action="/console/persons/${person.id}/consent" data-once>
<input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="form" value="${data.formToken}">
${checkboxControl({ id: 'consent-statistics', name: 'statistics', label: t('person.consentStatistics'), checked: consentShown.statistics, errors: data.errors ?? {} })}
${checkboxControl({ id: 'consent-international', name: 'international', label: t('person.consentInternational'), checked: consentShown.international, errors: data.errors ?? {} })}
${person.consent.international ? html`<p class="hint">${t('person.consentWithdrawHint')}</p>` : html``}
${inputControl({ id: 'consent-given-on', name: 'givenOn', label: t('person.consentGivenOn'), value: consentShown.givenOn, type: 'text', hint: t('person.consentGivenOnHint'), errors: data.errors ?? {} })}
<p><button type="submit">${t('person.consentSave')}</button></p>
</form>`
      : html``;

  return renderPage(
    frame,
    t('person.title', { reference }),
    html`${noticeBlock(data.notice)}
<p><a href="/console/persons">${t('person.back')}</a></p>
${person.revoked ? html`<p class="error">${t('person.revokedNote', { date: person.revokedAt?.toISOString().slice(0, 10) ?? '' })}</p>` : html``}
<dl class="facts">
<dt>${t('person.pseudonym')}</dt><dd><code>${person.pseudonym}</code></dd>
<dt>${t('person.consent')}</dt><dd>${t(`consentState.${consentStateOf(person)}`)}${person.consent.internationalGivenOn === null ? '' : ` (${person.consent.internationalGivenOn})`}</dd>
</dl>
${registrations}
<h2>${t('person.identity')}</h2>
${identity}
<h2>${t('person.accessLog')}</h2>
${accesses}
${consentForm}`,
  );
}

function caseValueText(field: RecordFieldDescriptor, registration: RegistrationModel, language: ConsoleLanguage): string {
  const value = (registration as unknown as Record<string, unknown>)[field.name];
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((code: string) => codeLabelOf(field, code, language)).join(', ');
  return codeLabelOf(field, String(value), language);
}
