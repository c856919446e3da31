import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('RegistrationProtection')
export class ProtectionModel {
  @Field(() => Int, { nullable: true })
  reflectionPeriod!: number | null;

  @Field(() => String, { nullable: true })
  residencePermit!: string | null;

  @Field(() => Boolean, { nullable: true })
  assistance!: boolean | null;

  @Field(() => Boolean, { nullable: true })
  assistanceConditionalOnCooperation!: boolean | null;

  @Field(() => String, { nullable: true })
  compensation!: string | null;

  @Field(() => String, { nullable: true })
  returned!: string | null;
}

/** One registration (case) of a person: the coded attributes its return record carries. */
@ObjectType('Registration')
export class RegistrationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  personId!: string;

  @Field(() => String, { nullable: true, description: 'Null when only the year is known.' })
  registrationDate!: string | null;

  @Field({ description: 'YYYY-Qn, or YYYY for a registration known only to the year.' })
  period!: string;

  @Field()
  legalStatus!: string;

  @Field()
  sex!: string;

  @Field()
  ageGroup!: string;

  @Field()
  citizenship!: string;

  @Field(() => [String])
  exploitation!: string[];

  @Field(() => String, { nullable: true })
  labourSector!: string | null;

  @Field(() => String, { nullable: true })
  registeringOrganisation!: string | null;

  @Field()
  crossBorder!: string;

  @Field(() => ProtectionModel, { nullable: true })
  protection!: ProtectionModel | null;
}
