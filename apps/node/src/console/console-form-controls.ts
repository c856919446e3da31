import { html, type Markup } from '#app/platform';
import { CASE_FIELDS, PROTECTION_FIELD_DESCRIPTORS, codeListsOf, labelIn, type RecordFieldDescriptor } from '#app/standard';
import { CONSOLE_FIELD_LABELS, type ConsoleFieldName } from './console-field-labels.js';
import { isErrorMessageKey, isFieldMessageKey, type ConsoleLanguage } from './console-messages.js';
import type { PageFrame } from './console-pages.js';

/** A problem's message in the reader's language: the field message of its code, else the page's, else the service's. */
export function problemText(frame: PageFrame, code: string, fallback: string): string {
  const fieldKey = `field.${code}`;
  const errorKey = `error.${code}`;
  return isFieldMessageKey(fieldKey) ? frame.t(fieldKey) : isErrorMessageKey(errorKey) ? frame.t(errorKey) : fallback;
}

/** Field messages of a form, by field name: shown beside the field and tied to it with aria-describedby. */
export type FieldErrors = Readonly<Partial<Record<string, string>>>;

export function fieldLabel(language: ConsoleLanguage, name: ConsoleFieldName): string {
  return CONSOLE_FIELD_LABELS[language][name];
}

export function recordField(name: string): RecordFieldDescriptor {
  const field = [...CASE_FIELDS, ...PROTECTION_FIELD_DESCRIPTORS].find((candidate) => candidate.name === name);
  if (field === undefined) throw new RangeError(`no record field '${name}'`);
  return field;
}

/** The code's label in the language, from the field's code lists; the code itself when no list has it. */
export function codeLabelOf(field: RecordFieldDescriptor, code: string, language: ConsoleLanguage): string {
  const list = codeListsOf(field).find((candidate) => candidate.byCode.has(code));
  return list === undefined ? code : labelIn(list, code, language);
}

/** The options of a coded field, in code-list order, labelled in the language. */
export function codeOptions(field: RecordFieldDescriptor, language: ConsoleLanguage): Array<{ code: string; label: string }> {
  const options = codeListsOf(field).flatMap((list) =>
    list.entries.map((entry) => ({ code: entry.code, label: labelIn(list, entry.code, language) })),
  );
  // Countries read best alphabetically in the reader's language; the special codes (STLS, UNK) stay last.
  if (field.name === 'citizenship') {
    const countries = options.slice(0, -2).sort((a, b) => a.label.localeCompare(b.label, language));
    return [...countries, ...options.slice(-2)];
  }
  return options;
}

/** The message under a field, when it has one. */
function messageOf(id: string, errors: FieldErrors, name: string): { markup: Markup; describedBy: string } {
  const message = errors[name];
  if (message === undefined) return { markup: html``, describedBy: '' };
  return { markup: html`<span class="field-error" id="${id}-error">${message}</span>`, describedBy: `${id}-error` };
}

export interface SelectOptions {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly options: ReadonlyArray<{ code: string; label: string }>;
  readonly selected: readonly string[];
  /** The label of an empty first choice ("Any"), or none for a required choice. */
  readonly empty?: string;
  readonly multiple?: boolean;
  readonly required?: boolean;
  readonly hint?: string;
  readonly errors?: FieldErrors;
}

export function selectControl(options: SelectOptions): Markup {
  const error = messageOf(options.id, options.errors ?? {}, options.name);
  const hintId = options.hint === undefined ? '' : `${options.id}-hint`;
  const describedBy = [hintId, error.describedBy].filter((id) => id !== '').join(' ');
  const choices = options.options.map(
    (option) =>
      html`<option value="${option.code}"${options.selected.includes(option.code) ? html` selected` : html``}>${option.label}</option>`,
  );
  return html`<div class="field${error.describedBy === '' ? '' : ' invalid'}">
<label for="${options.id}">${options.label}</label>
${options.hint === undefined ? html`` : html`<span class="hint" id="${hintId}">${options.hint}</span>`}
<select id="${options.id}" name="${options.name}"${options.multiple === true ? html` multiple size="6"` : html``}${options.required === true ? html` required` : html``}${describedBy === '' ? html`` : html` aria-describedby="${describedBy}"`}${error.describedBy === '' ? html`` : html` aria-invalid="true"`}>
${options.empty === undefined ? html`` : html`<option value="">${options.empty}</option>`}${choices}
</select>
${error.markup}
</div>`;
}

export interface InputOptions {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly type?: 'text' | 'date' | 'number' | 'email' | 'tel';
  readonly hint?: string;
  readonly required?: boolean;
  readonly autocomplete?: string;
  readonly errors?: FieldErrors;
}

export function inputControl(options: InputOptions): Markup {
  const error = messageOf(options.id, options.errors ?? {}, options.name);
  const hintId = options.hint === undefined ? '' : `${options.id}-hint`;
  const describedBy = [hintId, error.describedBy].filter((id) => id !== '').join(' ');
  return html`<div class="field${error.describedBy === '' ? '' : ' invalid'}">
<label for="${options.id}">${options.label}</label>
${options.hint === undefined ? html`` : html`<span class="hint" id="${hintId}">${options.hint}</span>`}
<input id="${options.id}" name="${options.name}" type="${options.type ?? 'text'}" value="${options.value}" autocomplete="${options.autocomplete ?? 'off'}"${options.required === true ? html` required` : html``}${describedBy === '' ? html`` : html` aria-describedby="${describedBy}"`}${error.describedBy === '' ? html`` : html` aria-invalid="true"`}>
${error.markup}
</div>`;
}

export function checkboxControl(options: { id: string; name: string; label: string; checked: boolean; errors?: FieldErrors }): Markup {
  const error = messageOf(options.id, options.errors ?? {}, options.name);
  return html`<div class="field checkbox${error.describedBy === '' ? '' : ' invalid'}">
<input id="${options.id}" name="${options.name}" type="checkbox" value="true"${options.checked ? html` checked` : html``}${error.describedBy === '' ? html`` : html` aria-describedby="${error.describedBy}" aria-invalid="true"`}>
<label for="${options.id}">${options.label}</label>
${error.markup}
</div>`;
}

/** A group of checkboxes for a list of codes (forms of exploitation): a fieldset whose legend is the field's label. */
export function checkboxGroupControl(options: {
  id: string;
  name: string;
  label: string;
  options: ReadonlyArray<{ code: string; label: string }>;
  selected: readonly string[];
  hint?: string;
  errors?: FieldErrors;
}): Markup {
  const error = messageOf(options.id, options.errors ?? {}, options.name);
  const hintId = options.hint === undefined ? '' : `${options.id}-hint`;
  const describedBy = [hintId, error.describedBy].filter((id) => id !== '').join(' ');
  return html`<fieldset class="field choices${error.describedBy === '' ? '' : ' invalid'}" id="${options.id}"${describedBy === '' ? html`` : html` aria-describedby="${describedBy}"`}>
<legend>${options.label}</legend>
${options.hint === undefined ? html`` : html`<span class="hint" id="${hintId}">${options.hint}</span>`}
${options.options.map(
  (option, index) =>
    html`<span class="choice"><input type="checkbox" id="${options.id}-${index}" name="${options.name}" value="${option.code}"${options.selected.includes(option.code) ? html` checked` : html``}> <label for="${options.id}-${index}">${option.label}</label></span>`,
)}
${error.markup}
</fieldset>`;
}

/** A text area (identity notes, an address): free text that never leaves the node. */
export function textAreaControl(options: {
  id: string;
  name: string;
  label: string;
  value: string;
  hint?: string;
  errors?: FieldErrors;
}): Markup {
  const error = messageOf(options.id, options.errors ?? {}, options.name);
  const hintId = options.hint === undefined ? '' : `${options.id}-hint`;
  const describedBy = [hintId, error.describedBy].filter((id) => id !== '').join(' ');
  return html`<div class="field${error.describedBy === '' ? '' : ' invalid'}">
<label for="${options.id}">${options.label}</label>
${options.hint === undefined ? html`` : html`<span class="hint" id="${hintId}">${options.hint}</span>`}
<textarea id="${options.id}" name="${options.name}" rows="3"${describedBy === '' ? html`` : html` aria-describedby="${describedBy}"`}${error.describedBy === '' ? html`` : html` aria-invalid="true"`}>${options.value}</textarea>
${error.markup}
</div>`;
}
