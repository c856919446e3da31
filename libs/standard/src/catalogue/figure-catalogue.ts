import {
  AGE_GROUP,
  CHILD_ADULT,
  CITIZENSHIP_GROUP,
  COMPENSATION,
  DATASET,
  DIMENSION,
  type DatasetId,
  type DimensionId,
  EXPLOITATION,
  FINE_AGE_GROUPS,
  type LegalStatus,
  LEGAL_STATUS,
  OFFENDER_STATUSES,
  REGISTERING_ORGANISATION,
  RESIDENCE_PERMIT,
  RETURN,
  SEX,
  VICTIM_STATUSES,
} from '../code-lists/code-lists.js';
import { type CodeList, labelOf } from '../code-lists/code-list.js';

/** Code of every dimension's margin. */
export const TOTAL = 'TOTAL';

export interface DimensionCode {
  readonly code: string;
  readonly label: string;
}

export interface CatalogueDimension {
  readonly id: DimensionId;
  readonly label: string;
  /** Leaf codes in display order, then the TOTAL margin. */
  readonly codes: readonly DimensionCode[];
  readonly total: typeof TOTAL;
}

export interface DatasetDefinition {
  readonly id: DatasetId;
  readonly title: string;
  /** Records of these legal statuses are counted; the others are not part of the dataset. */
  readonly legalStatuses: readonly LegalStatus[];
  /** Dimensions besides geo and time, in cube order. */
  readonly dimensions: readonly CatalogueDimension[];
}

/** Labels of every dimension id, geo and time included. */
export const DIMENSION_LABELS: Readonly<Record<DimensionId, string>> = Object.fromEntries(
  DIMENSION.entries.map((entry) => [entry.code, entry.label]),
) as Record<DimensionId, string>;

function dimension(id: DimensionId, leaves: readonly DimensionCode[], totalLabel = 'Total'): CatalogueDimension {
  return { id, label: DIMENSION_LABELS[id], codes: [...leaves, { code: TOTAL, label: totalLabel }], total: TOTAL };
}

function fromList<Code extends string>(list: CodeList<Code>, only?: readonly Code[]): DimensionCode[] {
  return (only ?? list.codes).map((code) => ({ code, label: labelOf(list, code) }));
}

// Not recorded: a victim without a protection block, or a block without this item.
const notRecorded: DimensionCode = { code: 'UNK', label: 'Unknown or not recorded' };

/** Codes of the detailed age dimension: coarse record codes get their own leaves so the fine groups stay exact. */
export const AGE_LEAF_OF_COARSE = { Y_LT18: 'Y_LT18_UNK', Y_GE18: 'Y_GE18_UNK' } as const;

const sexDimension = dimension('sex', fromList(SEX));
const childAdultDimension = dimension('age', fromList(CHILD_ADULT));
/** The age dimension of victims_sex_age; the other datasets publish child/adult only. */
export const DETAILED_AGE_DIMENSION = dimension('age', [
  ...fromList(AGE_GROUP, FINE_AGE_GROUPS.slice(0, 2)),
  { code: AGE_LEAF_OF_COARSE.Y_LT18, label: labelOf(AGE_GROUP, 'Y_LT18') },
  ...fromList(AGE_GROUP, FINE_AGE_GROUPS.slice(2)),
  { code: AGE_LEAF_OF_COARSE.Y_GE18, label: labelOf(AGE_GROUP, 'Y_GE18') },
  { code: 'UNK', label: labelOf(AGE_GROUP, 'UNK') },
]);
const exploitationDimension = dimension('exploit', fromList(EXPLOITATION));

function datasetTitle(id: DatasetId): string {
  return labelOf(DATASET, id);
}

export const FIGURE_CATALOGUE: Readonly<Record<DatasetId, DatasetDefinition>> = {
  victims_sex_age: {
    id: 'victims_sex_age',
    title: datasetTitle('victims_sex_age'),
    legalStatuses: VICTIM_STATUSES,
    dimensions: [
      dimension('leg_stat', fromList(LEGAL_STATUS, VICTIM_STATUSES), 'Registered victims (presumed and identified)'),
      sexDimension,
      DETAILED_AGE_DIMENSION,
    ],
  },
  victims_exploitation: {
    id: 'victims_exploitation',
    title: datasetTitle('victims_exploitation'),
    legalStatuses: VICTIM_STATUSES,
    dimensions: [exploitationDimension, sexDimension, childAdultDimension],
  },
  victims_citizenship: {
    id: 'victims_citizenship',
    title: datasetTitle('victims_citizenship'),
    legalStatuses: VICTIM_STATUSES,
    dimensions: [dimension('citizen', fromList(CITIZENSHIP_GROUP)), sexDimension],
  },
  victims_registering_org: {
    id: 'victims_registering_org',
    title: datasetTitle('victims_registering_org'),
    legalStatuses: VICTIM_STATUSES,
    dimensions: [dimension('reg_org', fromList(REGISTERING_ORGANISATION)), sexDimension],
  },
  offenders_stage: {
    id: 'offenders_stage',
    title: datasetTitle('offenders_stage'),
    legalStatuses: OFFENDER_STATUSES,
    dimensions: [
      dimension('leg_stat', fromList(LEGAL_STATUS, OFFENDER_STATUSES), 'All stages (each person once)'),
      sexDimension,
      exploitationDimension,
    ],
  },
  protection: {
    id: 'protection',
    title: datasetTitle('protection'),
    legalStatuses: VICTIM_STATUSES,
    dimensions: [
      dimension('permit', [...fromList(RESIDENCE_PERMIT), notRecorded]),
      dimension('compens', [...fromList(COMPENSATION), notRecorded]),
      dimension('return', [...fromList(RETURN), notRecorded]),
      childAdultDimension,
    ],
  },
};

export function datasetDefinition(id: DatasetId): DatasetDefinition {
  return FIGURE_CATALOGUE[id];
}
