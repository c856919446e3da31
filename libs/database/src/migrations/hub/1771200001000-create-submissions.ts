import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accepted quarterly returns and the pseudonymised records they carry. Records hold no identity (the hub receives
 * none) and no free text: a return's `notes` are not stored. Besides the standard's fields, a record keeps its leaf
 * codes in the figure catalogue's dimensions that are derived rather than copied (age classes, citizenship group,
 * `UNK` for an absent protection item), computed once at intake, and `record_key`, the cell-key method's 52-bit
 * record key, so a release can group and sum keys in SQL alone.
 */
export class CreateSubmissions1771200001000 implements MigrationInterface {
  name = 'CreateSubmissions1771200001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE hub_submission (
        return_id uuid PRIMARY KEY,
        node_id text NOT NULL REFERENCES hub_node (node_id),
        country text NOT NULL,
        period text NOT NULL,
        revision integer NOT NULL CHECK (revision >= 1),
        standard_version text NOT NULL,
        record_count integer NOT NULL CHECK (record_count >= 0),
        withheld_no_consent integer NOT NULL CHECK (withheld_no_consent >= 0),
        withheld_invalid integer NOT NULL CHECK (withheld_invalid >= 0),
        generated_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        receipt text NOT NULL,
        CONSTRAINT hub_submission_revision UNIQUE (country, period, revision)
      )`);
    await queryRunner.query('CREATE INDEX hub_submission_node ON hub_submission (node_id, received_at)');
    await queryRunner.query(`
      CREATE TABLE hub_record (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        return_id uuid NOT NULL REFERENCES hub_submission (return_id),
        country text NOT NULL,
        period text NOT NULL,
        year smallint NOT NULL,
        quarter smallint CHECK (quarter BETWEEN 1 AND 4),
        pseudonym text NOT NULL,
        legal_status text NOT NULL,
        sex text NOT NULL,
        age_group text NOT NULL,
        citizenship text NOT NULL,
        exploitation text[] NOT NULL CHECK (cardinality(exploitation) > 0),
        labour_sector text,
        registering_organisation text,
        cross_border text NOT NULL,
        residence_permit text,
        reflection_period integer,
        assistance boolean,
        assistance_conditional boolean,
        compensation text,
        returned text,
        age_detailed text,
        age_class text,
        citizen text,
        reg_org text,
        permit text,
        compens text,
        return_code text,
        record_key bigint NOT NULL CHECK (record_key >= 0 AND record_key < 4503599627370496)
      )`);
    await queryRunner.query('CREATE INDEX hub_record_country_period ON hub_record (country, period)');
    await queryRunner.query('CREATE INDEX hub_record_country_pseudonym ON hub_record (country, pseudonym)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE hub_record');
    await queryRunner.query('DROP TABLE hub_submission');
  }
}
