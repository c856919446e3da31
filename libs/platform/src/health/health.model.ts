import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum AppRole {
  HUB = 'HUB',
  NODE = 'NODE',
}
registerEnumType(AppRole, { name: 'AppRole', description: 'Which application answers: the hub or a national node.' });

export enum DatabaseKindModel {
  EMBEDDED = 'EMBEDDED',
  POSTGRES = 'POSTGRES',
}
registerEnumType(DatabaseKindModel, { name: 'DatabaseKind', description: 'Embedded PGlite or a PostgreSQL server.' });

@ObjectType('MigrationState')
export class MigrationStateModel {
  @Field(() => Int, { description: 'Migrations applied to this database.' })
  applied!: number;

  @Field(() => Int, { description: 'Migrations known to the code but not applied yet.' })
  pending!: number;

  @Field(() => String, { nullable: true, description: 'Name of the newest applied migration.' })
  latest!: string | null;
}

@ObjectType('Health')
export class HealthModel {
  @Field(() => AppRole)
  role!: AppRole;

  @Field()
  version!: string;

  @Field(() => DatabaseKindModel)
  database!: DatabaseKindModel;

  @Field(() => MigrationStateModel)
  migrations!: MigrationStateModel;

  @Field({ description: 'True when the database answers and no migration is pending.' })
  ready!: boolean;
}
