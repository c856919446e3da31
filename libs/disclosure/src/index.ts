// Disclosure control: pure functions over aggregated cubes (no Nest, no database). See docs/DISCLOSURE-CONTROL.md.
export { DisclosureErrorCode, DisclosureException } from './disclosure.exception.js';

export { NO_FLAGS, OBSERVATION_FLAGS, combineFlags, flagList, flagsOf, hasFlag, parseFlags } from './flags/observation-flags.js';
export type { ObservationFlag, ObservationFlags } from './flags/observation-flags.js';

export {
  TOTAL,
  codesOf,
  flatDimension,
  groupedDimension,
  independentDimension,
  multiResponseDimension,
  validateDimensions,
} from './cube/dimension.js';
export type { AdditiveDimension, CodeGroup, Dimension, IndependentDimension, MultiResponseDimension } from './cube/dimension.js';
export { cellIndexOf, coordinatesOf, cubeLayout } from './cube/cube-layout.js';
export type { CubeLayout } from './cube/cube-layout.js';
export { deriveRelations, relationKind } from './cube/cube-relations.js';
export type { CubeRelations, RelationKind } from './cube/cube-relations.js';
export type { AggregatedCell, CountCell, CountCube, Cube, PublishedCell } from './cube/cube.js';
export { aggregateCube } from './cube/aggregate-cube.js';
export type { RecordContribution } from './cube/aggregate-cube.js';

export {
  CELL_KEY_BITS,
  CELL_KEY_MODULUS,
  addCellKeys,
  cellKeyFrom,
  cellKeyOf,
  keyToUnitInterval,
  recordKey,
  subtractCellKeys,
} from './cell-key/cell-key.js';
export {
  EXAMPLE_PERTURBATION_PARAMETERS,
  allowedDeviations,
  buildPerturbationTable,
  perturbationRowFor,
} from './cell-key/perturbation-table.js';
export type {
  PerturbationEntry,
  PerturbationParameters,
  PerturbationRow,
  PerturbationTable,
  VarianceStatus,
} from './cell-key/perturbation-table.js';
export { perturb } from './cell-key/perturb.js';
export type { PerturbOptions, PerturbedValue } from './cell-key/perturb.js';
export { protectByCellKey } from './cell-key/protect-by-cell-key.js';

export { protectBySuppression } from './suppression/protect-by-suppression.js';
export type { SuppressionOptions } from './suppression/protect-by-suppression.js';
export { DEFAULT_MAX_AUDITED_CELLS_PER_PART, auditSuppression } from './suppression/audit-suppression.js';
export type { SuppressedCellInterval, SuppressionAudit, SuppressionAuditOptions } from './suppression/audit-suppression.js';
