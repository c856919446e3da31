import type { DatasetId, DimensionId } from '../code-lists/code-lists.js';
import { childOrAdult } from '../derivations/age-group.js';
import { citizenshipGroup } from '../derivations/citizenship-group.js';
import type { PseudonymisedRecord } from '../records/pseudonymised-record.js';
import { parsePeriod } from '../time/period.js';
import { AGE_LEAF_OF_COARSE, DETAILED_AGE_DIMENSION, type DatasetDefinition, FIGURE_CATALOGUE } from './figure-catalogue.js';

/** For each dimension of a dataset (plus geo and time), the leaf code(s) a record falls in. */
export type RecordCoordinates = Readonly<Partial<Record<DimensionId, readonly string[]>>>;

/**
 * Where one record counts in a dataset: one leaf code per dimension, except exploitation, where a person with several
 * forms is in several leaves (and once in the TOTAL margin, which the cube builder forms by counting distinct
 * pseudonyms). Undefined when the record's legal status is not part of the dataset.
 */
export function recordCoordinates(dataset: DatasetId | DatasetDefinition, record: PseudonymisedRecord): RecordCoordinates | undefined {
  const definition = typeof dataset === 'string' ? FIGURE_CATALOGUE[dataset] : dataset;
  if (!definition.legalStatuses.includes(record.legalStatus)) return undefined;
  const coordinates: Partial<Record<DimensionId, readonly string[]>> = { geo: [record.country], time: [record.period] };
  for (const dimension of definition.dimensions) {
    coordinates[dimension.id] = leafCodes(definition, dimension.id, record);
  }
  return coordinates;
}

function leafCodes(definition: DatasetDefinition, id: DimensionId, record: PseudonymisedRecord): readonly string[] {
  switch (id) {
    case 'geo':
      return [record.country];
    case 'time':
      return [record.period];
    case 'leg_stat':
      return [record.legalStatus];
    case 'sex':
      return [record.sex];
    case 'age':
      return [ageLeaf(definition, record)];
    case 'citizen':
      return [citizenshipGroup(record.citizenship, record.country, parsePeriod(record.period))];
    case 'exploit':
      return [...new Set(record.exploitation)];
    case 'reg_org':
      return ['registeringOrganisation' in record ? record.registeringOrganisation : 'UNK'];
    case 'permit':
      return [('protection' in record ? record.protection?.residencePermit : undefined) ?? 'UNK'];
    case 'compens':
      return [('protection' in record ? record.protection?.compensation : undefined) ?? 'UNK'];
    case 'return':
      return [('protection' in record ? record.protection?.returned : undefined) ?? 'UNK'];
  }
}

function ageLeaf(definition: DatasetDefinition, record: PseudonymisedRecord): string {
  if (!definition.dimensions.includes(DETAILED_AGE_DIMENSION)) return childOrAdult(record.ageGroup);
  if (record.ageGroup === 'Y_LT18' || record.ageGroup === 'Y_GE18') return AGE_LEAF_OF_COARSE[record.ageGroup];
  return record.ageGroup;
}

/**
 * The leaf cells of a record in a dataset: the cartesian product of its leaf codes, in the dataset's dimension order
 * (geo and time excluded). Empty when the record is not part of the dataset.
 */
export function recordLeafCells(dataset: DatasetId | DatasetDefinition, record: PseudonymisedRecord): string[][] {
  const definition = typeof dataset === 'string' ? FIGURE_CATALOGUE[dataset] : dataset;
  const coordinates = recordCoordinates(definition, record);
  if (coordinates === undefined) return [];
  return definition.dimensions.reduce<string[][]>(
    (cells, dimension) => cells.flatMap((cell) => (coordinates[dimension.id] ?? []).map((code) => [...cell, code])),
    [[]],
  );
}
