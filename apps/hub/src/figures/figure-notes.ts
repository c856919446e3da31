import { IDENTIFICATION_THRESHOLD, LEGAL_DEFINITION, quartersOf, tryParsePeriod, type Period } from '#app/standard';
import { countryGroupById, geoLabel } from '../catalogue/geo-codes.js';
import { definitionDiffersFromStandard, entryInForce, type MetadataEntry } from '../country-metadata/metadata-flags.js';
import type { PopulationReference, TableNote } from './figure-table.js';
import { unitOf, type Measure } from './measure.js';

/** A country metadata entry with what a reader needs next to the numbers. */
export interface DefinitionEntry extends MetadataEntry {
  readonly presumedVictimsIncluded: boolean;
  readonly footnote: string | null;
}

export interface NoteContext {
  /** CELL_KEY, SUPPRESSION or NONE, as the release (or the preview) applied it. */
  readonly disclosureMethod: string;
  /** k of the release. */
  readonly smallCountThreshold: number;
  readonly measure: Measure;
  readonly populationTable: PopulationReference | null;
}

export interface FigureNotes {
  /** Table-wide notes first, then one per metadata entry in force, then one per country group, each once. */
  readonly notes: readonly TableNote[];
  /** Ids of the notes that apply to the cells of a geo and time. */
  noteIdsOf(geo: string, time: string): readonly string[];
}

/** The metadata entries of one country in force in any quarter of the given periods, in period order, each once. */
export function entriesInForce<E extends MetadataEntry>(entries: readonly E[], times: readonly string[]): E[] {
  const found = new Set<E>();
  for (const time of times) {
    const period = tryParsePeriod(time);
    if (period === undefined) continue;
    for (const quarter of quartersIn(period)) {
      const entry = entryInForce(entries, quarter);
      if (entry !== undefined) found.add(entry);
    }
  }
  return entries.filter((entry) => found.has(entry));
}

export function definitionNoteId(entry: MetadataEntry): string {
  return `def.${entry.country}.${entry.validFrom}`;
}

/** "Austria, from 2025-Q2: National definition (wider); threshold Referral; presumed victims included; ..." */
export function definitionNoteText(entry: DefinitionEntry): string {
  const definition = LEGAL_DEFINITION.byCode.get(entry.legalDefinition)?.label ?? entry.legalDefinition;
  const threshold = IDENTIFICATION_THRESHOLD.byCode.get(entry.identificationThreshold)?.label ?? entry.identificationThreshold;
  const parts = [
    `legal definition: ${definition}${definitionDiffersFromStandard(entry.legalDefinition) ? ' (differs from the standard, flag d)' : ''}`,
    `identification threshold: ${threshold}`,
    `presumed victims ${entry.presumedVictimsIncluded ? 'included' : 'not included'}`,
  ];
  if (entry.breakdownsNotCollected.length > 0) parts.push(`not collected: ${entry.breakdownsNotCollected.join(', ')}`);
  const span = entry.validTo === null ? `from ${entry.validFrom}` : `from ${entry.validFrom} to ${entry.validTo}`;
  const text = `${geoLabel(entry.country)}, ${span}: ${parts.join('; ')}.`;
  return entry.footnote === null || entry.footnote.trim() === '' ? text : `${text} ${entry.footnote.trim()}`;
}

/**
 * The notes of a table: how the figures are protected (cell key perturbation makes tables non-additive, and outputs
 * must say so), the denominator of a rate, each country's definition and threshold in force, and what a group sums.
 */
export function figureNotes(
  geos: readonly string[],
  times: readonly string[],
  metadataOf: (country: string) => readonly DefinitionEntry[],
  context: NoteContext,
): FigureNotes {
  const notes: TableNote[] = [...tableNotes(context)];
  const byGeoTime = new Map<string, string[]>();
  for (const geo of geos) {
    const group = countryGroupById(geo);
    if (group !== undefined) {
      const id = `group.${group.id}`;
      notes.push({
        id,
        text: `${group.label} (${group.id}) is the sum of its member countries that reported (${group.members.join(', ')}); a member missing is flagged ':' on the group, a member's confidential cell 'c'.`,
      });
      for (const time of times) byGeoTime.set(`${geo}|${time}`, [id]);
      continue;
    }
    const entries = metadataOf(geo);
    for (const entry of entriesInForce(entries, times)) notes.push({ id: definitionNoteId(entry), text: definitionNoteText(entry) });
    for (const time of times) byGeoTime.set(`${geo}|${time}`, entriesInForce(entries, [time]).map(definitionNoteId));
  }
  return { notes, noteIdsOf: (geo, time) => byGeoTime.get(`${geo}|${time}`) ?? [] };
}

function tableNotes(context: NoteContext): TableNote[] {
  const notes: TableNote[] = [];
  switch (context.disclosureMethod) {
    case 'CELL_KEY':
      notes.push({
        id: 'protection.cell-key',
        text:
          'Every count is perturbed by the cell key method: the same cell shows the same value in every table, and ' +
          `totals are perturbed as cells of their own, so tables are not additive. Published values from 1 to ${context.smallCountThreshold - 1} ` +
          'are flagged u (low reliability); a published 0 may stand for a few persons.',
      });
      break;
    case 'SUPPRESSION':
      notes.push({
        id: 'protection.suppression',
        text: `Counts from 1 to ${context.smallCountThreshold - 1} are confidential (c), as are further cells that would let them be recomputed from the totals.`,
      });
      break;
    default:
      notes.push({ id: 'protection.none', text: 'Counts are published without disclosure control (test configuration).' });
  }
  if (context.populationTable !== null) {
    notes.push({
      id: 'rate.population',
      text:
        `Rates are ${unitOf(context.measure)}: published protected count / population on 1 January of the period's year ` +
        `(population table ${context.populationTable.version}); a group's population is the sum of its members that reported; ` +
        'a rate carries the flags of its count and of its population.',
    });
  }
  return notes;
}

function quartersIn(period: Period) {
  return period.kind === 'quarter' ? [period] : quartersOf(period.year);
}
