import {
  aggregateCube,
  flatDimension,
  multiResponseDimension,
  protectBySuppression,
  type Dimension,
  type PublishedCell,
  type RecordContribution,
} from '#app/disclosure';
import {
  FIGURE_CATALOGUE,
  recordCoordinates,
  TOTAL,
  type DatasetDefinition,
  type DatasetId,
  type PseudonymisedRecord,
} from '#app/standard';

export interface PreviewCellFigures {
  /** One code per dimension of the dataset, margins (`TOTAL`) included. */
  readonly coordinates: readonly string[];
  /** The node's own exact count (the rapporteur's data; never published as such). */
  readonly count: number;
  /** What would be published under the threshold rule: null when confidential. */
  readonly value: number | null;
  readonly flags: string;
  /** 0 < count < k: a small count (the hub's cell-key method flags `u` by the published value, not by this). */
  readonly belowThreshold: boolean;
}

export interface PreviewDatasetFigures {
  readonly id: DatasetId;
  readonly title: string;
  /** Dimension ids in coordinate order (geo and time are this node's country and the period). */
  readonly dimensions: readonly string[];
  readonly cells: readonly PreviewCellFigures[];
}

/**
 * The figures of each catalogue dataset for this country and period, protected as the hub protects them with the
 * threshold rule and secondary suppression (the same library and catalogue). The hub's default cell-key noise uses a
 * secret only the hub holds, so its exact values cannot be previewed here; `belowThreshold` shows the small counts
 * (the hub flags `u` on published values in 1..k-1, which this node cannot know).
 */
export function previewFigures(records: readonly PseudonymisedRecord[], threshold: number): PreviewDatasetFigures[] {
  return Object.values(FIGURE_CATALOGUE).map((definition) => previewDataset(definition, records, threshold));
}

function previewDataset(definition: DatasetDefinition, records: readonly PseudonymisedRecord[], threshold: number): PreviewDatasetFigures {
  const dimensions = definition.dimensions.map(cubeDimensionOf);
  const contributions: RecordContribution[] = [];
  for (const record of records) {
    const coordinates = recordCoordinates(definition, record);
    if (coordinates === undefined) continue;
    contributions.push({ key: 0n, coordinates: definition.dimensions.map((dimension) => coordinates[dimension.id] ?? []) });
  }
  const cube = aggregateCube(dimensions, contributions);
  const countOf = new Map(cube.cells.map((cell) => [cell.coordinates.join('\u0000'), cell.count]));
  const published: PublishedCell[] = protectBySuppression(cube, { k: threshold });
  return {
    id: definition.id,
    title: definition.title,
    dimensions: definition.dimensions.map((dimension) => dimension.id),
    cells: published.map((cell) => {
      const count = countOf.get(cell.coordinates.join('\u0000')) ?? 0;
      return { coordinates: cell.coordinates, count, value: cell.value, flags: cell.flags, belowThreshold: count > 0 && count < threshold };
    }),
  };
}

/** A catalogue dimension as a cube dimension: exploitation counts a person once per form, the rest once. */
function cubeDimensionOf(dimension: DatasetDefinition['dimensions'][number]): Dimension {
  const leaves = dimension.codes.map((code) => code.code).filter((code) => code !== TOTAL);
  return dimension.id === 'exploit' ? multiResponseDimension(dimension.id, leaves) : flatDimension(dimension.id, leaves);
}
