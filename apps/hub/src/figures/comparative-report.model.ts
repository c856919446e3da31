import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { PeriodScalar } from '#app/platform';
import { IDENTIFICATION_THRESHOLD, LEGAL_DEFINITION } from '#app/standard';
import { definitionDiffersFromStandard } from '../country-metadata/metadata-flags.js';
import { definitionNoteText, type DefinitionEntry } from './figure-notes.js';
import { flagLegend, FigureNoteModel, FlagLabelModel, PopulationTableReferenceModel } from './figure-table.model.js';
import type { ComparativeReportData } from './figures.service.js';
import { Measure } from './measure.js';

@ObjectType('ComparativeValue')
export class ComparativeValueModel {
  @Field()
  time!: string;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field()
  flags!: string;

  @Field(() => [String])
  noteIds!: readonly string[];

  @Field(() => Int, { nullable: true, description: 'Rank among comparable countries (1 = highest); null when not comparable.' })
  rank!: number | null;

  @Field({ description: "A country with a value, its definition as the standard's (no d) and available (no :)." })
  comparable!: boolean;
}

@ObjectType('CountryDefinition', { description: "A country's legal definition and identification threshold in force." })
export class CountryDefinitionModel {
  @Field()
  country!: string;

  @Field(() => PeriodScalar)
  validFrom!: string;

  @Field(() => PeriodScalar, { nullable: true })
  validTo!: string | null;

  @Field()
  legalDefinition!: string;

  @Field()
  legalDefinitionLabel!: string;

  @Field()
  identificationThreshold!: string;

  @Field()
  identificationThresholdLabel!: string;

  @Field()
  presumedVictimsIncluded!: boolean;

  @Field(() => [String])
  breakdownsNotCollected!: readonly string[];

  @Field(() => String, { nullable: true })
  footnote!: string | null;

  @Field({ description: "The definition differs from the standard's (flag d)." })
  definitionDiffers!: boolean;

  @Field({ description: 'The whole entry as one sentence, as the report page prints it.' })
  text!: string;
}

@ObjectType('ComparativeRow')
export class ComparativeRowModel {
  @Field()
  geo!: string;

  @Field()
  label!: string;

  @Field({ description: 'A country group (sum of its members), not ranked.' })
  group!: boolean;

  @Field(() => [ComparativeValueModel], { description: 'One value per period of the report.' })
  values!: ComparativeValueModel[];

  /** Resolved per field (ComparativeRowResolver) through the per-request metadata loader. */
  @Field(() => [CountryDefinitionModel], { description: "Definitions and thresholds in force in the report's periods." })
  definitions!: CountryDefinitionModel[];

  /** The report's periods, for the definitions field; not part of the schema. */
  periods!: readonly string[];
}

@ObjectType('ComparativeReport', { description: "A dataset's grand total by country and period, ranked, with definitions." })
export class ComparativeReportModel {
  @Field()
  dataset!: string;

  @Field()
  title!: string;

  @Field(() => Int)
  release!: number;

  @Field()
  releasedAt!: Date;

  @Field(() => Measure)
  measure!: Measure;

  @Field()
  unit!: string;

  @Field(() => PopulationTableReferenceModel, { nullable: true })
  populationTable!: PopulationTableReferenceModel | null;

  @Field(() => [String])
  periods!: readonly string[];

  @Field(() => [ComparativeRowModel])
  rows!: ComparativeRowModel[];

  @Field(() => [FigureNoteModel])
  notes!: readonly FigureNoteModel[];

  @Field(() => [FlagLabelModel])
  flagLabels!: FlagLabelModel[];
}

export function toComparativeReportModel(report: ComparativeReportData): ComparativeReportModel {
  const source = report.table.source;
  if (source.kind !== 'RELEASE') throw new Error('a comparative report reads a release');
  return {
    dataset: report.table.dataset,
    title: report.table.title,
    release: source.release,
    releasedAt: source.publishedAt,
    measure: report.table.measure,
    unit: report.table.unit,
    populationTable: report.table.populationTable,
    periods: report.periods,
    rows: report.rows.map((row) => ({
      geo: row.geo,
      label: row.label,
      group: row.isGroup,
      values: row.values.map((value) => ({ ...value })),
      definitions: [],
      periods: report.periods,
    })),
    notes: report.table.notes,
    flagLabels: flagLegend(report.rows.flatMap((row) => row.values.map((value) => value.flags))),
  };
}

export function toCountryDefinitionModel(entry: DefinitionEntry): CountryDefinitionModel {
  return {
    country: entry.country,
    validFrom: entry.validFrom,
    validTo: entry.validTo,
    legalDefinition: entry.legalDefinition,
    legalDefinitionLabel: LEGAL_DEFINITION.byCode.get(entry.legalDefinition)?.label ?? entry.legalDefinition,
    identificationThreshold: entry.identificationThreshold,
    identificationThresholdLabel:
      IDENTIFICATION_THRESHOLD.byCode.get(entry.identificationThreshold)?.label ?? entry.identificationThreshold,
    presumedVictimsIncluded: entry.presumedVictimsIncluded,
    breakdownsNotCollected: entry.breakdownsNotCollected,
    footnote: entry.footnote,
    definitionDiffers: definitionDiffersFromStandard(entry.legalDefinition),
    text: definitionNoteText(entry),
  };
}
