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

/** A dataset's cells as a preview (or its GraphQL model) holds them. */
export interface ComparableDataset {
  readonly id: string;
  readonly cells: readonly PreviewCellFigures[];
}

/** One cell as two previews show it: the node's count and the published value with its flags. */
export interface FigureChange {
  readonly dataset: string;
  readonly coordinates: readonly string[];
  readonly before: Pick<PreviewCellFigures, 'count' | 'value' | 'flags'> | undefined;
  readonly after: Pick<PreviewCellFigures, 'count' | 'value' | 'flags'> | undefined;
}

/**
 * The cells whose count, published value or flags differ between two previews (a submitted revision and now), in the
 * order of the later one's datasets and cells, then cells only the earlier one had.
 */
export function changedFigures(before: readonly ComparableDataset[], after: readonly ComparableDataset[]): FigureChange[] {
  const changes: FigureChange[] = [];
  const keyOf = (coordinates: readonly string[]) => coordinates.join('\u0000');
  const earlier = new Map(before.map((dataset) => [dataset.id, new Map(dataset.cells.map((cell) => [keyOf(cell.coordinates), cell]))]));
  const shown = (cell: PreviewCellFigures | undefined) =>
    cell === undefined ? undefined : { count: cell.count, value: cell.value, flags: cell.flags };
  for (const dataset of after) {
    const previous = earlier.get(dataset.id) ?? new Map<string, PreviewCellFigures>();
    const seen = new Set<string>();
    for (const cell of dataset.cells) {
      const key = keyOf(cell.coordinates);
      seen.add(key);
      const old = previous.get(key);
      if (old !== undefined && old.count === cell.count && old.value === cell.value && old.flags === cell.flags) continue;
      changes.push({ dataset: dataset.id, coordinates: cell.coordinates, before: shown(old), after: shown(cell) });
    }
    for (const [key, old] of previous) {
      if (!seen.has(key)) changes.push({ dataset: dataset.id, coordinates: old.coordinates, before: shown(old), after: undefined });
    }
  }
  return changes;
}
