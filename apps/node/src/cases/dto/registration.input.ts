import { Field, InputType, Int } from '@nestjs/graphql';
import { CASE_FIELDS, PROTECTION_FIELD_DESCRIPTORS, type CaseFieldsInput, type ProtectionFieldsInput } from '#app/standard';
import { declareRecordFields } from '../../persons/record-field.graphql.js';

/** Protection facts of a victim (codes of the data standard); its fields are the standard's protection fields. */
@InputType('RegistrationProtectionInput')
export class ProtectionInput {}
export interface ProtectionInput extends ProtectionFieldsInput {}
declareRecordFields(ProtectionInput, PROTECTION_FIELD_DESCRIPTORS, { allOptional: true });

/**
 * The statistical attributes of one registration, as codes of the data standard: the standard's case fields plus
 * when it was registered. The age group may be omitted: the node derives it from the birth date.
 */
@InputType('RegistrationInput')
export class RegistrationInput {
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; or give registrationYear when only the year is known.' })
  registrationDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of registration when the date is not known.' })
  registrationYear?: number | null;

  @Field(() => ProtectionInput, { nullable: true, description: 'Victims only.' })
  protection?: ProtectionInput | null;
}
export interface RegistrationInput extends Omit<CaseFieldsInput, 'ageGroup'> {
  readonly ageGroup?: string | null;
}
declareRecordFields(RegistrationInput, CASE_FIELDS, {
  overrides: { ageGroup: { nullable: true, description: 'Omit to derive it from the birth date (or UNK without one).' } },
});
