import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import codeListSchema from '../../../../schemas/code-list.schema.json' with { type: 'json' };
import codesSchema from '../../../../schemas/codes.schema.json' with { type: 'json' };
import countryMetadataSchema from '../../../../schemas/country-metadata.schema.json' with { type: 'json' };
import populationTableSchema from '../../../../schemas/population-table.schema.json' with { type: 'json' };
import recordSchema from '../../../../schemas/pseudonymised-record.schema.json' with { type: 'json' };
import returnSchema from '../../../../schemas/quarterly-return.schema.json' with { type: 'json' };
import revocationSchema from '../../../../schemas/revocation-notice.schema.json' with { type: 'json' };

/** The JSON Schemas of the standard (schemas/*.schema.json), by short name. */
export const SCHEMAS = {
  codes: codesSchema,
  record: recordSchema,
  return: returnSchema,
  revocation: revocationSchema,
  countryMetadata: countryMetadataSchema,
  codeList: codeListSchema,
  populationTable: populationTableSchema,
} as const;

export type SchemaName = keyof typeof SCHEMAS;

/** Annotations the schemas carry for people and for the error mapping; they validate nothing. */
export const ANNOTATION_KEYWORDS = ['x-standardVersion', 'x-codeList', 'x-errorCode', 'x-message', 'x-format'] as const;

export type CompiledSchemas = Readonly<Record<Exclude<SchemaName, 'codes'>, ValidateFunction>>;

let compiled: CompiledSchemas | undefined;

/** Compiles every schema once per process, on first use (compiling takes tens of milliseconds). */
export function compiledSchemas(): CompiledSchemas {
  compiled ??= compile();
  return compiled;
}

function compile(): CompiledSchemas {
  // verbose: errors carry their parentSchema, whose x-errorCode / x-codeList annotations name the problem precisely.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false, verbose: true });
  ajvFormats.default(ajv, ['date', 'date-time', 'uuid', 'uri']);
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword(keyword);
  ajv.addSchema(codesSchema);
  ajv.addSchema(recordSchema);
  const compileOne = (schema: { $id: string }): ValidateFunction => ajv.getSchema(schema.$id) ?? ajv.compile(schema);
  return {
    record: compileOne(recordSchema),
    return: compileOne(returnSchema),
    revocation: compileOne(revocationSchema),
    countryMetadata: compileOne(countryMetadataSchema),
    codeList: compileOne(codeListSchema),
    populationTable: compileOne(populationTableSchema),
  };
}

export type { ErrorObject };
