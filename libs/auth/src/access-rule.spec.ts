import { describe, expect, it } from '@jest/globals';
import { accessRuleOf } from './access-rule.js';
import { Public } from './public.decorator.js';
import { Role } from './role.js';
import { Roles } from './roles.decorator.js';

describe('access rule decorators', () => {
  it('reads a method rule before the class rule, and nothing for an undecorated method', () => {
    @Roles(Role.HUB_ADMIN)
    class Registry {
      @Public()
      list(): void {}

      @Roles(Role.RAPPORTEUR, Role.STEWARD, Role.RAPPORTEUR)
      revoke(): void {}

      inherit(): void {}
    }
    class Bare {
      forgotten(): void {}
    }
    expect(accessRuleOf(Registry.prototype.list, Registry)).toEqual({ kind: 'PUBLIC' });
    expect(accessRuleOf(Registry.prototype.revoke, Registry)).toEqual({ kind: 'ROLES', roles: [Role.RAPPORTEUR, Role.STEWARD] });
    expect(accessRuleOf(Registry.prototype.inherit, Registry)).toEqual({ kind: 'ROLES', roles: [Role.HUB_ADMIN] });
    expect(accessRuleOf(Bare.prototype.forgotten, Bare)).toBeUndefined();
  });

  it('refuses two rules on one method when the class is defined', () => {
    expect(() => {
      class Confused {
        @Public()
        @Roles(Role.HUB_ADMIN)
        publish(): void {}
      }
      return Confused;
    }).toThrow(/publish has two access rules/);
  });

  it('refuses @Roles() without roles', () => {
    const noRoles = Roles as unknown as (...roles: Role[]) => MethodDecorator;
    expect(() => noRoles()).toThrow(/at least one role/);
  });
});
