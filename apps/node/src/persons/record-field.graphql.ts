import { Field, Int } from '@nestjs/graphql';
import { isNullableField, type RecordFieldDescriptor } from '#app/standard';

/** What a class says differently of a field than its descriptor (an input that may omit a derived field). */
export interface RecordFieldOverride {
  readonly nullable?: boolean;
  readonly description?: string;
}

/**
 * Declares the standard's record fields on a code-first GraphQL class, so that input and output types follow the
 * descriptors. Codes are strings, so an unknown code is answered with the standard's UNKNOWN_CODE and its field path
 * rather than a schema error. `allOptional`: every field may be omitted (protection facts).
 */
export function declareRecordFields(
  target: abstract new () => object,
  fields: readonly RecordFieldDescriptor[],
  options: { readonly allOptional?: boolean; readonly overrides?: Readonly<Record<string, RecordFieldOverride>> } = {},
): void {
  for (const field of fields) {
    const override = options.overrides?.[field.name] ?? {};
    const scalar = field.sqlType === 'integer' ? Int : field.sqlType === 'boolean' ? Boolean : String;
    const description = override.description ?? field.description;
    Field(() => (field.multiValued ? [scalar] : scalar), {
      nullable: override.nullable ?? (options.allOptional === true || isNullableField(field)),
      ...(description === undefined ? {} : { description }),
    })(target.prototype, field.name);
  }
}
