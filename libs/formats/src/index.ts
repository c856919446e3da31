export type {
  FigureCell,
  FigureCode,
  FigureDimension,
  FigureMeasure,
  FigureNote,
  FigureTable,
  PopulationTableReference,
} from './figure-table.js';
export { FormatsException, FormatsExceptionCode } from './formats.exception.js';
export {
  canonicalFlags,
  DEFAULT_FLAG_LABELS,
  flagLabel,
  flagLabelsOf,
  isObservationFlag,
  OBSERVATION_FLAG_ORDER,
  parseFlags,
} from './observation-flag.js';
export type { ObservationFlag } from './observation-flag.js';
export { cellKey, checkFigureTable, TIME_DIMENSION_ID } from './checked-figure-table.js';
export type { CheckedCell, CheckedDimension, CheckedFigureTable } from './checked-figure-table.js';
export { chunkLines, CSV_LINE_END, csvLine, defuseFormula, quoteCsvField, UTF8_BYTE_ORDER_MARK } from './csv-text.js';
export { toPlainDecimal } from './plain-decimal.js';
export { DEFAULT_JSON_STAT_MAX_POSITIONS, stringifyJsonStat, toJsonStat } from './json-stat.writer.js';
export type {
  JsonStatCategory,
  JsonStatDataset,
  JsonStatDimension,
  JsonStatExtension,
  JsonStatOptions,
  JsonStatRole,
  JsonStatUnit,
} from './json-stat.writer.js';
export { diffSdmxCsv, toSdmxCsv } from './sdmx-csv.writer.js';
export type { SdmxAction, SdmxConfidentialityStatus, SdmxCsvOptions } from './sdmx-csv.writer.js';
export { LABEL_COLUMN_SUFFIX, LIST_SEPARATOR, toCsv } from './labelled-csv.writer.js';
export type { LabelledCsvOptions } from './labelled-csv.writer.js';
