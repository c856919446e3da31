import { parseFlags } from '../flags/observation-flags.js';
import type { IsoDate } from '../time/iso-date.js';
import { type PopulationObservation, type PopulationSex, type PopulationTable, newPopulationTable } from './population-table.js';

export interface PopulationTableSource {
  /** Eurostat table id, e.g. `tps00001` or `demo_pjan`. */
  readonly tableId: string;
  readonly title: string;
  readonly source: string;
  readonly sourceUrl?: string;
  readonly extractionDate: IsoDate;
  /** Defaults to `<tableId>@<extractionDate>`. */
  readonly version?: string;
  readonly note?: string;
}

export class EurostatTsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column?: number,
  ) {
    super(column === undefined ? `line ${line}: ${message}` : `line ${line}, column ${column}: ${message}`);
    this.name = 'EurostatTsvError';
  }
}

// A cell: a number or `:`, then optional flags, separated by a space in Eurostat's files (`8901064 b`, `: `, `: c`).
const cellPattern = /^(:|\d+(?:\.\d+)?)\s*([a-z:]*)$/;

/**
 * Parses Eurostat's bulk TSV layout: the first column names the row dimensions and the time dimension
 * (`indic_de,geo\time` or `freq,unit,sex,age,geo\TIME_PERIOD`), its cells hold the comma-separated dimension codes
 * (`JAN,AD`), the other columns are years. Dimensions other than geo, sex and age must keep one value in the whole
 * file (they are recorded in `fixedDimensions`); a population table with two indicators would be ambiguous.
 */
export function parseEurostatPopulationTsv(text: string, source: PopulationTableSource): PopulationTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split('\t') ?? [];
  const dimensionCell = header[0]?.trim() ?? '';
  const [rowDimensionsText, timeName] = dimensionCell.split('\\');
  if (rowDimensionsText === undefined || timeName === undefined || !/^time$|^TIME_PERIOD$/i.test(timeName.trim())) {
    throw new EurostatTsvError("first header cell must look like 'indic_de,geo\\time'", 1, 1);
  }
  const rowDimensions = rowDimensionsText.split(',').map((name) => name.trim());
  const geoIndex = rowDimensions.indexOf('geo');
  if (geoIndex < 0) throw new EurostatTsvError('no geo dimension in the first header cell', 1, 1);
  const sexIndex = rowDimensions.indexOf('sex');
  const ageIndex = rowDimensions.indexOf('age');
  const years = header.slice(1).map((cell, index) => {
    const label = cell.trim();
    if (!/^\d{4}$/.test(label)) throw new EurostatTsvError('a population table has one column per year (YYYY)', 1, index + 2);
    return Number(label);
  });
  if (years.length === 0) throw new EurostatTsvError('no year columns', 1);

  const fixed = new Map<string, string>();
  const observations: PopulationObservation[] = [];
  const seen = new Set<string>();
  lines.slice(1).forEach((line, offset) => {
    const lineNumber = offset + 2;
    if (line.trim() === '') return;
    const cells = line.split('\t');
    if (cells.length !== years.length + 1) {
      throw new EurostatTsvError(`expected ${years.length + 1} tab-separated cells, found ${cells.length}`, lineNumber);
    }
    const codes = (cells[0] ?? '').split(',').map((code) => code.trim());
    if (codes.length !== rowDimensions.length) throw new EurostatTsvError('dimension codes do not match the header', lineNumber, 1);
    rowDimensions.forEach((name, index) => {
      if (index === geoIndex || index === sexIndex || index === ageIndex) return;
      const code = codes[index] ?? '';
      const known = fixed.get(name);
      if (known === undefined) fixed.set(name, code);
      else if (known !== code) throw new EurostatTsvError(`dimension ${name} takes two values (${known}, ${code})`, lineNumber, 1);
    });
    const geo = codes[geoIndex] ?? '';
    if (!/^[A-Z][A-Z0-9_]*$/.test(geo)) throw new EurostatTsvError('geo code must be upper-case letters, digits or _', lineNumber, 1);
    const sex = sexIndex < 0 ? 'T' : (codes[sexIndex] ?? '');
    if (sex !== 'T' && sex !== 'F' && sex !== 'M') throw new EurostatTsvError('sex must be T, F or M', lineNumber, 1);
    const age = ageIndex < 0 ? 'TOTAL' : (codes[ageIndex] ?? '');
    years.forEach((year, index) => {
      const column = index + 2;
      const { value, flags } = parseCell(cells[index + 1] ?? '', lineNumber, column);
      const id = `${geo}|${year}|${sex}|${age}`;
      if (seen.has(id)) throw new EurostatTsvError(`${geo} ${year} appears twice`, lineNumber, column);
      seen.add(id);
      observations.push({ geo, year, sex: sex as PopulationSex, age, value, flags });
    });
  });
  if (observations.length === 0) throw new EurostatTsvError('no data rows', 2);

  return newPopulationTable({
    tableId: source.tableId,
    title: source.title,
    source: source.source,
    ...(source.sourceUrl === undefined ? {} : { sourceUrl: source.sourceUrl }),
    extractionDate: source.extractionDate,
    version: source.version ?? `${source.tableId}@${source.extractionDate}`,
    ...(source.note === undefined ? {} : { note: source.note }),
    ...(fixed.size === 0 ? {} : { fixedDimensions: Object.fromEntries(fixed) }),
    observations,
  });
}

function parseCell(cell: string, line: number, column: number): { value: number | null; flags: string } {
  const match = cellPattern.exec(cell.trim());
  if (!match) throw new EurostatTsvError('a cell is a number or ":" followed by optional flags', line, column);
  const [, valueText = '', flagText = ''] = match;
  let flags: string;
  try {
    flags = parseFlags(valueText === ':' ? `:${flagText}` : flagText).join('');
  } catch (error) {
    throw new EurostatTsvError(error instanceof Error ? error.message : 'unknown flag', line, column);
  }
  if (valueText === ':') return { value: null, flags };
  const value = Number(valueText);
  if (!Number.isSafeInteger(value)) throw new EurostatTsvError('a population is a whole number', line, column);
  return { value, flags };
}
