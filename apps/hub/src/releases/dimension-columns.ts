import {
  DETAILED_AGE_DIMENSION,
  FIGURE_CATALOGUE,
  recordCoordinates,
  type CatalogueDimension,
  type DatasetDefinition,
  type PseudonymisedRecord,
} from '#app/standard';

/**
 * Where `hub_record` keeps a record's leaf code(s) in each dimension of the figure catalogue, so that a release groups
 * by plain columns in SQL. The codes themselves come from the catalogue (`recordCoordinates`) at intake; where the
 * leaf is the record's own field (legal status, sex, forms of exploitation) the field's column serves.
 */
export const LEAF_COLUMNS = {
  leg_stat: { column: 'legal_status', multiValued: false },
  sex: { column: 'sex', multiValued: false },
  age_detailed: { column: 'age_detailed', multiValued: false },
  age_class: { column: 'age_class', multiValued: false },
  citizen: { column: 'citizen', multiValued: false },
  // A person with several forms counts once per form and once in TOTAL.
  exploit: { column: 'exploitation', multiValued: true },
  reg_org: { column: 'reg_org', multiValued: false },
  permit: { column: 'permit', multiValued: false },
  compens: { column: 'compens', multiValued: false },
  return: { column: 'return_code', multiValued: false },
} as const satisfies Record<string, { column: string; multiValued: boolean }>;

export type LeafColumnKey = keyof typeof LEAF_COLUMNS;

/** Leaf columns whose values are derived at intake (the others are the record's own fields). */
export const DERIVED_LEAF_COLUMNS = ['age_detailed', 'age_class', 'citizen', 'reg_org', 'permit', 'compens', 'return'] as const;
export type DerivedLeafColumn = (typeof DERIVED_LEAF_COLUMNS)[number];

/** The `age` dimension is the detailed age group in one dataset and child/adult in the others. */
export function leafColumnKeyOf(dimension: CatalogueDimension): LeafColumnKey {
  switch (dimension.id) {
    case 'age':
      return dimension === DETAILED_AGE_DIMENSION ? 'age_detailed' : 'age_class';
    case 'geo':
    case 'time':
      throw new Error('geo and time are not leaf columns of a record');
    default:
      return dimension.id;
  }
}

export type RecordLeaves = Partial<Record<LeafColumnKey, readonly string[]>>;

const datasets: readonly DatasetDefinition[] = Object.values(FIGURE_CATALOGUE);

/**
 * A record's leaf codes per leaf column, over every dataset it belongs to. Datasets sharing a column must agree on
 * it; if a catalogue change ever made them differ, intake stops rather than storing codes one dataset would misread.
 */
export function recordLeaves(record: PseudonymisedRecord): RecordLeaves {
  const leaves: { [K in LeafColumnKey]?: readonly string[] } = {};
  for (const dataset of datasets) {
    const coordinates = recordCoordinates(dataset, record);
    if (coordinates === undefined) continue;
    for (const dimension of dataset.dimensions) {
      const key = leafColumnKeyOf(dimension);
      const codes = coordinates[dimension.id] ?? [];
      const known = leaves[key];
      if (known === undefined) leaves[key] = codes;
      else if (known.length !== codes.length || known.some((code, index) => code !== codes[index])) {
        throw new Error(`datasets disagree on the leaf codes of column ${key}; the hub's column mapping needs an update`);
      }
    }
  }
  return leaves;
}
