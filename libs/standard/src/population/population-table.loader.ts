import projectTable from '../../data/population-tps00001.json' with { type: 'json' };
import { mapAjvErrors } from '../validation/ajv-error-mapping.js';
import { compiledSchemas } from '../validation/schema-registry.js';
import type { ValidationResult } from '../validation/validation-error.js';
import type { PopulationTable } from './population-table.js';

/** Checks a population table (a stored JSON copy, or one a hub operator parsed) against population-table.schema.json. */
export function validatePopulationTable(input: unknown): ValidationResult<PopulationTable> {
  const validate = compiledSchemas().populationTable;
  return validate(input) ? { ok: true, value: input as PopulationTable } : { ok: false, errors: mapAjvErrors(validate.errors) };
}

let tps00001: PopulationTable | undefined;

/**
 * The project's own copy of Eurostat tps00001 (population on 1 January, 2008-2019, libs/standard/data/), checked once
 * against the schema on first use.
 */
export function projectPopulationTable(): PopulationTable {
  if (tps00001 === undefined) {
    const checked = validatePopulationTable(projectTable);
    if (!checked.ok) throw new Error('libs/standard/data/population-tps00001.json does not follow population-table.schema.json');
    tps00001 = checked.value;
  }
  return tps00001;
}
