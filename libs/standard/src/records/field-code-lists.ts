import codesSchema from '../../../../schemas/codes.schema.json' with { type: 'json' };
import type { CodeList } from '../code-lists/code-list.js';
import { CODE_LISTS } from '../code-lists/code-lists.js';
import type { RecordFieldDescriptor } from './record-fields.js';

const definitions = codesSchema.$defs as Record<string, { readonly 'x-codeList'?: string | readonly string[] }>;

/**
 * The code lists a coded field takes its values from, in order (citizenship: countries, then STLS and UNK), as
 * codes.schema.json names them (`x-codeList`); empty for a field that is not coded. Forms build their pickers from
 * it, filters check their values against it.
 */
export function codeListsOf(field: RecordFieldDescriptor): readonly CodeList<string>[] {
  if (field.codes === undefined) return [];
  const named = definitions[field.codes]?.['x-codeList'];
  if (named === undefined) throw new Error(`codes.schema.json has no code list for '${field.codes}'`);
  return (typeof named === 'string' ? [named] : named).map((id) => {
    const list = CODE_LISTS[id];
    if (list === undefined) throw new Error(`no code list '${id}'`);
    return list;
  });
}

/** Whether `value` is a code of the field's lists. */
export function isCodeOfField(field: RecordFieldDescriptor, value: string): boolean {
  return codeListsOf(field).some((list) => list.byCode.has(value));
}
