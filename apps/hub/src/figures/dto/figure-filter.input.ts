import { Field, InputType } from '@nestjs/graphql';
import type { FigureFilter } from '../figure-selection.js';

/**
 * Codes per dimension; a dimension left out (or null) takes all its codes. Field names are the dimension ids, as in
 * the export URLs (`geo=AT,DE&time=2026-Q1&sex=F`). A filter on a dimension the dataset lacks is refused unless it
 * asks for TOTAL only, so one filter can be sent to several datasets.
 */
@InputType('FigureFilter')
export class FigureFilterInput {
  @Field(() => [String], { nullable: true, description: 'Countries (Eurostat spelling: EL, UK) or country groups (EU27_2020).' })
  geo?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Quarters (2026-Q1) or years (2026).' })
  time?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Legal status (PRESUMED_VICTIM, ...; TOTAL).' })
  leg_stat?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'F, M, OTHER, UNK, TOTAL.' })
  sex?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Age group, or Y_LT18 / Y_GE18 in the child/adult datasets.' })
  age?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Citizenship group: NAT, EU_OTH, NON_EU, STLS, UNK, TOTAL.' })
  citizen?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Form of exploitation.' })
  exploit?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Registering organisation.' })
  reg_org?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Residence permit.' })
  permit?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Compensation.' })
  compens?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Return to the country of origin.' })
  return?: string[] | null;
}

/** The filter as the figures service takes it: only the dimensions given. */
export function toFigureFilter(input: FigureFilterInput | null | undefined): FigureFilter {
  if (input === null || input === undefined) return {};
  return Object.fromEntries(Object.entries(input).filter(([, codes]) => Array.isArray(codes))) as FigureFilter;
}
