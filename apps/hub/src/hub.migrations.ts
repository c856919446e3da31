import { CreateNodeRegistry1771200000000 } from '../../../libs/database/src/migrations/hub/1771200000000-create-node-registry.js';
import { CreateSubmissions1771200001000 } from '../../../libs/database/src/migrations/hub/1771200001000-create-submissions.js';
import { CreateRevocationLedger1771200002000 } from '../../../libs/database/src/migrations/hub/1771200002000-create-revocation-ledger.js';
import { CreateCountryMetadata1771200003000 } from '../../../libs/database/src/migrations/hub/1771200003000-create-country-metadata.js';
import { CreatePopulation1771200004000 } from '../../../libs/database/src/migrations/hub/1771200004000-create-population.js';
import { CreateReleases1771200005000 } from '../../../libs/database/src/migrations/hub/1771200005000-create-releases.js';
import { CreateAccessLog1771300000000 } from '../../../libs/database/src/migrations/hub/1771300000000-create-access-log.js';
import { CreateRevisionHolds1771400000000 } from '../../../libs/database/src/migrations/hub/1771400000000-create-revision-holds.js';
import { AddConfirmedZero1771500000000 } from '../../../libs/database/src/migrations/hub/1771500000000-add-confirmed-zero.js';

/** The hub's migrations in order; each is a class under libs/database/src/migrations/hub/. */
export const hubMigrations: Function[] = [
  CreateNodeRegistry1771200000000,
  CreateSubmissions1771200001000,
  CreateRevocationLedger1771200002000,
  CreateCountryMetadata1771200003000,
  CreatePopulation1771200004000,
  CreateReleases1771200005000,
  CreateAccessLog1771300000000,
  CreateRevisionHolds1771400000000,
  AddConfirmedZero1771500000000,
];
