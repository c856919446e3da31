import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { flagLabels } from '#app/standard';
import { DimensionModel } from '../catalogue/dataset.model.js';
import type { FigureTableData } from './figure-table.js';
import { Measure } from './measure.js';

@ObjectType('FigureCoordinate')
export class FigureCoordinateModel {
  @Field({ description: 'Dimension id (geo, time, sex, ...).' })
  dimension!: string;

  @Field()
  code!: string;

  @Field()
  label!: string;
}

@ObjectType('FigureCell')
export class FigureCellModel {
  @Field(() => [FigureCoordinateModel], { description: 'One coordinate per dimension of the table, in its order.' })
  dimensions!: FigureCoordinateModel[];

  @Field(() => Float, { nullable: true, description: 'Null when suppressed (c) or not available (:).' })
  value!: number | null;

  @Field({ description: 'Eurostat observation flags, e.g. "pu"; "" when none.' })
  flags!: string;

  @Field(() => [String], { description: 'Ids of the table notes that apply to this cell.' })
  noteIds!: readonly string[];
}

@ObjectType('FigureNote')
export class FigureNoteModel {
  @Field()
  id!: string;

  @Field()
  text!: string;
}

@ObjectType('FlagLabel')
export class FlagLabelModel {
  @Field()
  flag!: string;

  @Field()
  label!: string;
}

@ObjectType('PopulationTableReference', { description: 'The population table a rate divides by.' })
export class PopulationTableReferenceModel {
  @Field()
  version!: string;

  @Field()
  tableId!: string;
}

@ObjectType('FigureTable', { description: 'A slice of a dataset: every cell of the selection, with flags and notes.' })
export class FigureTableModel {
  @Field()
  dataset!: string;

  @Field()
  title!: string;

  @Field(() => Int, { nullable: true, description: 'The release read; null for a preview of unreleased data.' })
  release!: number | null;

  @Field(() => Date, { nullable: true })
  releasedAt!: Date | null;

  @Field({ description: 'True for a preview of unreleased data (previewFigures).' })
  preview!: boolean;

  @Field({ description: 'CELL_KEY, SUPPRESSION or NONE (tests only).' })
  disclosureMethod!: string;

  @Field(() => Measure)
  measure!: Measure;

  @Field()
  unit!: string;

  @Field(() => PopulationTableReferenceModel, { nullable: true, description: 'The denominator of a rate; null for counts.' })
  populationTable!: PopulationTableReferenceModel | null;

  @Field(() => [DimensionModel], { description: "geo, time, then the dataset's dimensions, with the selected codes." })
  dimensions!: DimensionModel[];

  @Field(() => [FigureNoteModel])
  notes!: readonly FigureNoteModel[];

  @Field(() => [FlagLabelModel], { description: 'Every flag present in the cells, with its label.' })
  flagLabels!: FlagLabelModel[];

  @Field(() => [FigureCellModel], { description: 'Every combination of the selected codes, row-major.' })
  cells!: FigureCellModel[];

  @Field(() => [Float], {
    nullable: 'items',
    description:
      'Compact form, for large answers: the value of every cell in the order of `cells` (row-major over `dimensions`, ' +
      'the last dimension varying fastest, as in JSON-stat), null when suppressed (c) or not available (:).',
  })
  values!: (number | null)[];

  @Field(() => [String], { description: 'Compact form: the flags of every cell in the order of `values` ("" when none).' })
  flags!: string[];

  @Field(() => [[String]], { description: 'Compact form: the note ids of every cell in the order of `values`.' })
  cellNoteIds!: (readonly string[])[];
}

/** Labels of the flags used in a set of flag strings, in the standard's order. */
export function flagLegend(flagTexts: Iterable<string>): FlagLabelModel[] {
  const distinct = new Set<string>();
  for (const text of flagTexts) for (const flag of text) distinct.add(flag);
  return flagLabels([...distinct].join('')).map(({ flag, label }) => ({ flag, label }));
}

export function toFigureTableModel(table: FigureTableData): FigureTableModel {
  // One coordinate object per code, shared by every cell that has it.
  const coordinates = table.dimensions.map(
    (dimension) => new Map(dimension.codes.map((code) => [code.code, { dimension: dimension.id, code: code.code, label: code.label }])),
  );
  const flagTexts = new Set<string>();
  const cells = table.cells.map((cell) => {
    flagTexts.add(cell.flags);
    return {
      dimensions: cell.codes.map((code, index) => coordinates[index]!.get(code) as FigureCoordinateModel),
      value: cell.value,
      flags: cell.flags,
      noteIds: cell.noteIds,
    };
  });
  const release = table.source.kind === 'RELEASE' ? table.source : undefined;
  return {
    dataset: table.dataset,
    title: table.title,
    release: release?.release ?? null,
    releasedAt: release?.publishedAt ?? null,
    preview: table.source.kind === 'PREVIEW',
    disclosureMethod: table.source.disclosureMethod,
    measure: table.measure,
    unit: table.unit,
    populationTable: table.populationTable,
    dimensions: table.dimensions.map((dimension) => ({ id: dimension.id, label: dimension.label, codes: [...dimension.codes] })),
    notes: table.notes,
    flagLabels: flagLegend(flagTexts),
    cells,
    values: table.cells.map((cell) => cell.value),
    flags: table.cells.map((cell) => cell.flags),
    cellNoteIds: table.cells.map((cell) => cell.noteIds),
  };
}
