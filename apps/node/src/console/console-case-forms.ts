import type { IdentityFields } from '#app/crypto';
import { html, type Markup } from '#app/platform';
import { CASE_FIELDS, PROTECTION_FIELD_DESCRIPTORS, type RecordFieldDescriptor } from '#app/standard';
import {
  checkboxControl,
  checkboxGroupControl,
  codeOptions,
  fieldLabel,
  inputControl,
  selectControl,
  textAreaControl,
  type FieldErrors,
} from './console-form-controls.js';
import type { ConsoleFieldName } from './console-field-labels.js';
import { noticeBlock, renderPage, type Notice, type PageFrame } from './console-pages.js';
import type { RegistrationFields } from '../persons/registration-draft.js';
import type { RegistrationModel } from '../persons/registration.model.js';
import type { IdentityInput } from '../vault/dto/identity.input.js';
import type { IdentityModel } from '../vault/identity.model.js';

/**
 * A console form as the browser sent it (urlencoded): one string per field, a list for a field sent more than once
 * (the checkboxes of a list of codes). Identity fields are named `identity.<field>`, consent `consent.<field>`,
 * protection facts `protection.<field>`, the registration's own fields by their names in the standard.
 */
export type FormValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The identity fields in the order the forms show them. */
export const IDENTITY_FORM_FIELDS = [
  'givenNames',
  'familyNames',
  'birthDate',
  'documentNumbers',
  'phone',
  'email',
  'address',
  'notes',
] as const satisfies ReadonlyArray<keyof IdentityFields>;

/** The registration's fields in a form: when it was registered, the standard's case fields, its protection facts. */
const REGISTRATION_FORM_FIELDS: readonly string[] = [
  'registrationDate',
  'registrationYear',
  ...CASE_FIELDS.map((field) => field.name),
  ...PROTECTION_FIELD_DESCRIPTORS.map((field) => `protection.${field.name}`),
];

/** Every field name a console case form has, for matching a problem's path to the field it is beside. */
export const CASE_FORM_FIELDS: ReadonlySet<string> = new Set([
  'externalRef',
  ...IDENTITY_FORM_FIELDS.map((name) => `identity.${name}`),
  'consent.statistics',
  'consent.international',
  'consent.givenOn',
  ...REGISTRATION_FORM_FIELDS,
]);

/** The form field a problem's input path is about (`input.registrations.0.sex` is `sex`), or none. */
export function formFieldOfPath(path: string): string | undefined {
  const name = path.replace(/^input\./, '').replace(/^registrations\.\d+\./, '');
  return CASE_FORM_FIELDS.has(name) ? name : undefined;
}

export function textOf(values: FormValues, name: string): string {
  const value = values[name];
  return (Array.isArray(value) ? (value[0] ?? '') : ((value as string | undefined) ?? '')).trim();
}

export function listOf(values: FormValues, name: string): string[] {
  const value = values[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value as string];
  return list.map((entry) => entry.trim()).filter((entry) => entry !== '');
}

const htmlId = (name: string) => `field-${name.replace(/\./g, '-')}`;

/** The control of one record field, from its descriptor: a code list is a picker, a count a number, a fact yes/no. */
function recordFieldControl(frame: PageFrame, field: RecordFieldDescriptor, name: string, values: FormValues, errors: FieldErrors): Markup {
  const { t, language } = frame;
  const label = fieldLabel(language, field.name as ConsoleFieldName);
  const common = { id: htmlId(name), name, label, errors };
  if (field.codes !== undefined && field.multiValued) {
    return checkboxGroupControl({ ...common, options: codeOptions(field, language), selected: listOf(values, name) });
  }
  if (field.codes !== undefined) {
    const derived = field.name === 'ageGroup';
    return selectControl({
      ...common,
      options: codeOptions(field, language),
      selected: [textOf(values, name)],
      empty: derived
        ? t('form.derive')
        : field.required || (field.victimsOnly && field.group === 'case')
          ? t('form.choose')
          : t('form.notRecorded'),
      required: field.required && !derived,
      ...(field.name === 'labourSector' ? { hint: t('form.labourSectorHint') } : {}),
      ...(field.victimsOnly && field.group === 'case' ? { hint: t('form.victimsOnlyHint') } : {}),
    });
  }
  if (field.sqlType === 'boolean') {
    return selectControl({
      ...common,
      options: [
        { code: 'true', label: t('form.yes') },
        { code: 'false', label: t('form.no') },
      ],
      selected: [textOf(values, name)],
      empty: t('form.notRecorded'),
    });
  }
  return inputControl({ ...common, value: textOf(values, name), type: field.sqlType === 'integer' ? 'number' : 'text' });
}

/** The registration's fieldsets: when, the case fields, and the protection facts of a victim. */
function registrationFieldsets(frame: PageFrame, values: FormValues, errors: FieldErrors): Markup {
  const { t, language } = frame;
  return html`<fieldset><legend>${t('form.registration')}</legend>
${inputControl({ id: htmlId('registrationDate'), name: 'registrationDate', label: fieldLabel(language, 'registrationDate'), value: textOf(values, 'registrationDate'), hint: t('form.registrationDateHint'), errors })}
${inputControl({ id: htmlId('registrationYear'), name: 'registrationYear', label: fieldLabel(language, 'registrationYear'), value: textOf(values, 'registrationYear'), type: 'number', errors })}
${CASE_FIELDS.map((field) => recordFieldControl(frame, field, field.name, values, errors))}
</fieldset>
<fieldset><legend>${t('form.protection')}</legend>
<p class="hint">${t('form.protectionHint')}</p>
${PROTECTION_FIELD_DESCRIPTORS.map((field) => recordFieldControl(frame, field, `protection.${field.name}`, values, errors))}
</fieldset>`;
}

function identityFieldset(frame: PageFrame, values: FormValues, errors: FieldErrors): Markup {
  const { t, language } = frame;
  return html`<fieldset><legend>${t('form.identity')}</legend>
<p class="hint">${t('form.identityHint')}</p>
${IDENTITY_FORM_FIELDS.map((name) => {
  const formName = `identity.${name}`;
  const common = { id: htmlId(formName), name: formName, label: fieldLabel(language, name), errors };
  if (name === 'documentNumbers')
    return textAreaControl({ ...common, value: listOf(values, formName).join('\n'), hint: t('form.documentsHint') });
  if (name === 'address' || name === 'notes') return textAreaControl({ ...common, value: textOf(values, formName) });
  return inputControl({
    ...common,
    value: textOf(values, formName),
    type: name === 'email' ? 'email' : name === 'phone' ? 'tel' : 'text',
    ...(name === 'birthDate' ? { hint: t('form.birthDateHint') } : {}),
  });
})}
</fieldset>`;
}

interface FormPageData {
  readonly values: FormValues;
  readonly errors?: FieldErrors;
  readonly notice?: Notice;
  readonly formToken: string;
}

function caseForm(frame: PageFrame, action: string, cancel: string, save: string, data: FormPageData, fields: Markup): Markup {
  const { t } = frame;
  return html`${noticeBlock(data.notice)}
<p class="hint">${t('form.requiredHint')}</p>
<form method="post" action="${action}" class="case-form" data-once novalidate>
<input type="hidden" name="csrf" value="${frame.signedIn?.csrfToken ?? ''}"><input type="hidden" name="form" value="${data.formToken}">
${fields}
<p><button type="submit">${save}</button> <a href="${cancel}">${t('form.cancel')}</a></p>
</form>`;
}

/** A new person: case reference, identity, consent and a first registration. */
export function newPersonPage(frame: PageFrame, data: FormPageData): string {
  const { t } = frame;
  const errors = data.errors ?? {};
  const consent = html`<fieldset><legend>${t('person.consent')}</legend>
${checkboxControl({ id: htmlId('consent.statistics'), name: 'consent.statistics', label: t('person.consentStatistics'), checked: textOf(data.values, 'consent.statistics') === 'true', errors })}
${checkboxControl({ id: htmlId('consent.international'), name: 'consent.international', label: t('person.consentInternational'), checked: textOf(data.values, 'consent.international') === 'true', errors })}
${inputControl({ id: htmlId('consent.givenOn'), name: 'consent.givenOn', label: t('person.consentGivenOn'), value: textOf(data.values, 'consent.givenOn'), hint: t('person.consentGivenOnHint'), errors })}
</fieldset>`;
  const reference = inputControl({
    id: htmlId('externalRef'),
    name: 'externalRef',
    label: t('persons.reference'),
    value: textOf(data.values, 'externalRef'),
    hint: t('form.referenceHint'),
    errors,
  });
  return renderPage(
    frame,
    t('persons.new'),
    caseForm(
      frame,
      '/console/persons/new',
      '/console/persons',
      t('form.savePerson'),
      data,
      html`${reference}${identityFieldset(frame, data.values, errors)}${consent}${registrationFieldsets(frame, data.values, errors)}`,
    ),
  );
}

/** Adding a registration to a person, or correcting one (`period` is the corrected registration's). */
export function registrationFormPage(
  frame: PageFrame,
  target: { personId: string; reference: string; registrationId?: string; period?: string },
  data: FormPageData,
): string {
  const { t } = frame;
  const correcting = target.registrationId !== undefined;
  const title = correcting
    ? t('form.correctRegistrationTitle', { period: target.period ?? '', reference: target.reference })
    : t('form.newRegistrationTitle', { reference: target.reference });
  const action = correcting
    ? `/console/persons/${target.personId}/registrations/${target.registrationId}`
    : `/console/persons/${target.personId}/registrations/new`;
  return renderPage(
    frame,
    title,
    caseForm(
      frame,
      action,
      `/console/persons/${target.personId}`,
      t('form.saveRegistration'),
      data,
      registrationFieldsets(frame, data.values, data.errors ?? {}),
    ),
  );
}

/** Correcting an identity: the current one is in the fields (the page's reading is in the audit log). */
export function identityFormPage(frame: PageFrame, target: { personId: string; reference: string }, data: FormPageData): string {
  const { t } = frame;
  return renderPage(
    frame,
    t('form.identityTitle', { reference: target.reference }),
    html`<p>${t('form.identityIntro')}</p>
${caseForm(frame, `/console/persons/${target.personId}/identity`, `/console/persons/${target.personId}`, t('form.saveIdentity'), data, identityFieldset(frame, data.values, data.errors ?? {}))}`,
  );
}

/** A form value as the field's type: a count as a number when it is one (the standard's check says why when not). */
function typedValue(field: RecordFieldDescriptor, text: string): unknown {
  if (field.sqlType === 'integer') return /^-?\d+$/.test(text) ? Number(text) : text;
  if (field.sqlType === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** The registration a form describes, as the cases service takes it (empty fields left out). */
export function registrationInputOf(values: FormValues): RegistrationFields {
  const input: Record<string, unknown> = {};
  const date = textOf(values, 'registrationDate');
  const year = textOf(values, 'registrationYear');
  if (date !== '') input['registrationDate'] = date;
  if (year !== '') input['registrationYear'] = /^\d+$/.test(year) ? Number(year) : year;
  for (const field of CASE_FIELDS) {
    if (field.multiValued) input[field.name] = listOf(values, field.name);
    else if (textOf(values, field.name) !== '') input[field.name] = typedValue(field, textOf(values, field.name));
  }
  const protection: Record<string, unknown> = {};
  for (const field of PROTECTION_FIELD_DESCRIPTORS) {
    const text = textOf(values, `protection.${field.name}`);
    if (text !== '') protection[field.name] = typedValue(field, text);
  }
  if (Object.keys(protection).length > 0) input['protection'] = protection;
  return input as RegistrationFields;
}

/** The identity a form describes (document numbers one per line; empty fields not recorded). */
export function identityInputOf(values: FormValues): IdentityInput {
  const identity: Record<string, unknown> = {};
  for (const name of IDENTITY_FORM_FIELDS) {
    if (name === 'documentNumbers') {
      const numbers = listOf(values, `identity.${name}`)
        .flatMap((text) => text.split(/\r?\n/))
        .map((line) => line.trim())
        .filter((line) => line !== '');
      if (numbers.length > 0) identity[name] = numbers;
    } else if (textOf(values, `identity.${name}`) !== '') identity[name] = textOf(values, `identity.${name}`);
  }
  return identity as IdentityInput;
}

/** A stored registration as form values, for correcting it. */
export function formValuesOfRegistration(registration: RegistrationModel): FormValues {
  const values: Record<string, string | string[]> = {
    registrationDate: registration.registrationDate ?? '',
    registrationYear: registration.registrationDate === null ? registration.period : '',
  };
  for (const field of CASE_FIELDS) {
    const value = (registration as unknown as Record<string, unknown>)[field.name];
    if (Array.isArray(value)) values[field.name] = value.map(String);
    else if (value !== null && value !== undefined) values[field.name] = String(value);
  }
  for (const field of PROTECTION_FIELD_DESCRIPTORS) {
    const value = (registration.protection as Record<string, unknown> | null)?.[field.name];
    if (value !== null && value !== undefined) values[`protection.${field.name}`] = String(value);
  }
  return values;
}

/** A stored identity as form values, for correcting it. */
export function formValuesOfIdentity(identity: IdentityModel): FormValues {
  const values: Record<string, string | string[]> = {};
  for (const name of IDENTITY_FORM_FIELDS) {
    const value = identity[name];
    if (Array.isArray(value)) values[`identity.${name}`] = value.join('\n');
    else if (value !== null && value !== undefined) values[`identity.${name}`] = String(value);
  }
  return values;
}
