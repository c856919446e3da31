import { registerEnumType } from '@nestjs/graphql';
import { Role } from './role.js';

// Registered once, as a side effect of importing the library, so apps can expose `Role` in their schemas.
registerEnumType(Role, {
  name: 'Role',
  description: 'Role of an authenticated person; RAPPORTEUR and STEWARD are limited to their countries.',
});
