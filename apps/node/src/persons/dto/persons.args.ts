import { ArgsType, Field, registerEnumType } from '@nestjs/graphql';
import { PageArgs, PeriodScalar } from '#app/platform';
import { CASE_FIELDS, type CaseFieldName, type Period } from '#app/standard';

/** Where a person's consent stands. */
export enum PersonConsentState {
  /** Statistical use and international transmission given: their registrations go to the hub. */
  INTERNATIONAL = 'INTERNATIONAL',
  /** Statistical use only: counted here, never sent. */
  STATISTICS_ONLY = 'STATISTICS_ONLY',
  /** No consent recorded yet. */
  NONE = 'NONE',
  /** Consent revoked: the record is closed. */
  REVOKED = 'REVOKED',
}
registerEnumType(PersonConsentState, { name: 'PersonConsentState' });

export enum PersonSort {
  OLDEST_FIRST = 'OLDEST_FIRST',
  NEWEST_FIRST = 'NEWEST_FIRST',
  /** By case reference (persons without one last). */
  REFERENCE = 'REFERENCE',
}
registerEnumType(PersonSort, { name: 'PersonSort', description: 'Order of a list of persons.' });

/** Case fields a list of persons can be filtered by: persons with a registration carrying the code. */
export const PERSON_FILTER_FIELDS = ['legalStatus', 'sex', 'ageGroup', 'exploitation'] as const satisfies readonly CaseFieldName[];
export type PersonFilterField = (typeof PERSON_FILTER_FIELDS)[number];

@ArgsType()
export class PersonsArgs extends PageArgs(50) {
  @Field(() => PeriodScalar, { nullable: true, description: 'Only persons with a registration in this period.' })
  period?: Period | null;

  @Field(() => String, { nullable: true })
  externalRef?: string | null;

  @Field(() => PersonConsentState, { nullable: true })
  consent?: PersonConsentState | null;

  @Field(() => PersonSort, { defaultValue: PersonSort.OLDEST_FIRST })
  sort: PersonSort = PersonSort.OLDEST_FIRST;
}
export interface PersonsArgs extends Partial<Record<PersonFilterField, string | null>> {}

// One nullable code argument per filter field, named and described as the field: a registration filter added to the
// list above is an argument of the API and a control of the console without more code.
for (const name of PERSON_FILTER_FIELDS) {
  const field = CASE_FIELDS.find((candidate) => candidate.name === name);
  Field(() => String, {
    nullable: true,
    description: `Only persons with a registration whose ${name} is (or, for a list, includes) this code, registered in the period when one is given.`,
  })(PersonsArgs.prototype, field?.name ?? name);
}
