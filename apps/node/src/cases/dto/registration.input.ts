import { Field, InputType, Int } from '@nestjs/graphql';

/** Protection facts of a victim (codes of the data standard). */
@InputType('RegistrationProtectionInput')
export class ProtectionInput {
  @Field(() => Int, { nullable: true, description: 'Days of reflection period granted.' })
  reflectionPeriod?: number | null;

  @Field(() => String, { nullable: true })
  residencePermit?: string | null;

  @Field(() => Boolean, { nullable: true })
  assistance?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  assistanceConditionalOnCooperation?: boolean | null;

  @Field(() => String, { nullable: true })
  compensation?: string | null;

  @Field(() => String, { nullable: true })
  returned?: string | null;
}

/**
 * The statistical attributes of one registration, as codes of the data standard (strings, so an unknown code is
 * answered with the standard's UNKNOWN_CODE and its field path rather than a schema error).
 */
@InputType('RegistrationInput')
export class RegistrationInput {
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; or give registrationYear when only the year is known.' })
  registrationDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of registration when the date is not known.' })
  registrationYear?: number | null;

  @Field()
  legalStatus!: string;

  @Field()
  sex!: string;

  @Field(() => String, { nullable: true, description: 'Omit to derive it from the birth date (or UNK without one).' })
  ageGroup?: string | null;

  @Field({ description: 'Country code in Eurostat spelling (EL, UK), STLS or UNK.' })
  citizenship!: string;

  @Field(() => [String])
  exploitation!: string[];

  @Field(() => String, { nullable: true, description: 'NACE section, only with LABOUR.' })
  labourSector?: string | null;

  @Field(() => String, { nullable: true, description: 'Victims only.' })
  registeringOrganisation?: string | null;

  @Field()
  crossBorder!: string;

  @Field(() => ProtectionInput, { nullable: true, description: 'Victims only.' })
  protection?: ProtectionInput | null;
}
