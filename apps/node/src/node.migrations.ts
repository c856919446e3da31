import { CreatePersons1795300000001 } from '../../../libs/database/src/migrations/node/1795300000001-create-persons.js';
import { CreateIdentityVault1795300000002 } from '../../../libs/database/src/migrations/node/1795300000002-create-identity-vault.js';
import { CreateOutbox1795300000003 } from '../../../libs/database/src/migrations/node/1795300000003-create-outbox.js';
import { CreateReturns1795300000004 } from '../../../libs/database/src/migrations/node/1795300000004-create-returns.js';
import { CreateRevocations1795300000005 } from '../../../libs/database/src/migrations/node/1795300000005-create-revocations.js';
import { AddRevocationPromise1795400000001 } from '../../../libs/database/src/migrations/node/1795400000001-add-revocation-promise.js';
import { AddConfirmedZero1795500000001 } from '../../../libs/database/src/migrations/node/1795500000001-add-confirmed-zero.js';
import { AddIdentityAccessLog1795600000001 } from '../../../libs/database/src/migrations/node/1795600000001-add-identity-access-log.js';

/** The node's migrations in order; each is a class under libs/database/src/migrations/node/. */
export const nodeMigrations: Function[] = [
  CreatePersons1795300000001,
  CreateIdentityVault1795300000002,
  CreateOutbox1795300000003,
  CreateReturns1795300000004,
  CreateRevocations1795300000005,
  AddRevocationPromise1795400000001,
  AddConfirmedZero1795500000001,
  AddIdentityAccessLog1795600000001,
];
