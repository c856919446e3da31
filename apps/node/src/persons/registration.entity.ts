import { EntitySchema, type EntitySchemaColumnOptions } from 'typeorm';
import { CASE_FIELDS, isNullableField, type Protection, type StoredCaseFields } from '#app/standard';

/**
 * One registration of a person in a legal status (a case): the coded attributes a return carries. The statistical
 * columns are the data standard's case fields (record-fields.ts), protection facts one jsonb column.
 */
export type RegistrationEntity = StoredCaseFields & {
  id: string;
  personId: string;
  /** Null when only the year of registration is known (CTDC exports); `period` is then the year. */
  registrationDate: string | null;
  /** `YYYY-Qn`, or `YYYY` for a registration known only to the year. */
  period: string;
  protection: Protection | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The case fields' columns, as TypeORM declares them. */
const caseColumns: Record<string, EntitySchemaColumnOptions> = Object.fromEntries(
  CASE_FIELDS.map((field) => [
    field.name,
    { name: field.column, type: field.sqlType, array: field.multiValued, nullable: isNullableField(field) },
  ]),
);

export const RegistrationEntity = new EntitySchema<RegistrationEntity>({
  name: 'RegistrationEntity',
  tableName: 'registration',
  columns: {
    id: { type: 'uuid', primary: true },
    personId: { name: 'person_id', type: 'uuid' },
    registrationDate: { name: 'registration_date', type: 'date', nullable: true },
    period: { type: 'text' },
    ...caseColumns,
    protection: { type: 'jsonb', nullable: true },
    createdAt: { name: 'created_at', type: 'timestamptz' },
    updatedAt: { name: 'updated_at', type: 'timestamptz' },
  },
});
