import { defineAccessRule } from './access-rule.js';
import type { Role } from './role.js';

/**
 * Allows the operation (or every operation of the class) to principals holding at least one of these roles.
 * The decorators on the operations are the role matrix; `listAccessMatrix` reads them back.
 */
export function Roles(...roles: [Role, ...Role[]]): ClassDecorator & MethodDecorator {
  if (roles.length === 0) throw new TypeError('@Roles() needs at least one role');
  return defineAccessRule({ kind: 'ROLES', roles: [...new Set(roles)] });
}
