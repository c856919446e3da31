import { Field, ObjectType } from '@nestjs/graphql';
import { PeriodScalar, UuidScalar } from '#app/platform';
import { CASE_FIELDS, PROTECTION_FIELD_DESCRIPTORS, type StoredCaseFields, type StoredProtectionFields } from '#app/standard';
import { declareRecordFields } from './record-field.graphql.js';

/** A victim's protection facts; its fields are the standard's protection fields (null when not recorded). */
@ObjectType('RegistrationProtection')
export class ProtectionModel {}
export interface ProtectionModel extends StoredProtectionFields {}
declareRecordFields(ProtectionModel, PROTECTION_FIELD_DESCRIPTORS, { allOptional: true });

/** One registration (case) of a person: the coded attributes its return record carries (the standard's case fields). */
@ObjectType('Registration')
export class RegistrationModel {
  @Field(() => UuidScalar)
  id!: string;

  @Field(() => UuidScalar)
  personId!: string;

  @Field(() => String, { nullable: true, description: 'Null when only the year is known.' })
  registrationDate!: string | null;

  @Field(() => PeriodScalar, { description: 'A quarter, or a year for a registration known only to the year.' })
  period!: string;

  @Field(() => ProtectionModel, { nullable: true })
  protection!: ProtectionModel | null;
}
export interface RegistrationModel extends StoredCaseFields {}
declareRecordFields(RegistrationModel, CASE_FIELDS);
