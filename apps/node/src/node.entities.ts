import type { EntitySchema } from 'typeorm';
import { PersonEntity } from './persons/person.entity.js';
import { RegistrationEntity } from './persons/registration.entity.js';
import { RevocationEntity } from './consent/revocation.entity.js';
import { OutboxMessageEntity } from './outbox/outbox-message.entity.js';
import { QuarterlyReturnEntity } from './returns/quarterly-return.entity.js';
import { IdentityAccessEntity } from './vault/identity-access.entity.js';
import { PersonIdentityEntity } from './vault/person-identity.entity.js';

/** Every TypeORM entity of the node, listed explicitly (no globs, so src and dist cannot diverge). */
export const nodeEntities: (Function | EntitySchema)[] = [
  PersonEntity,
  RegistrationEntity,
  PersonIdentityEntity,
  OutboxMessageEntity,
  QuarterlyReturnEntity,
  RevocationEntity,
  IdentityAccessEntity,
];
