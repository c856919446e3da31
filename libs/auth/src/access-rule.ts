import 'reflect-metadata';
import type { Role } from './role.js';

/**
 * What an operation declares about who may call it. An operation with no rule (on itself or its class) is refused:
 * a forgotten decorator fails closed.
 */
export type AccessRule = { readonly kind: 'PUBLIC' } | { readonly kind: 'ROLES'; readonly roles: readonly Role[] };

export const ACCESS_RULE_METADATA = 'thb:access-rule';

/** The rule of a handler, falling back to its class; a rule on the method overrides the class. */
export function accessRuleOf(handler: object, declaringClass: object): AccessRule | undefined {
  return readRule(handler) ?? readRule(declaringClass);
}

function readRule(target: object): AccessRule | undefined {
  return Reflect.getMetadata(ACCESS_RULE_METADATA, target) as AccessRule | undefined;
}

/**
 * Sets the rule on a class or a method. Two rules on the same target (say `@Public()` and `@Roles(...)`) are a
 * mistake in the role matrix, reported when the class is loaded rather than resolved by decorator order.
 */
export function defineAccessRule(rule: AccessRule): ClassDecorator & MethodDecorator {
  return (target: object, propertyKey?: string | symbol, descriptor?: PropertyDescriptor) => {
    const site: unknown = descriptor === undefined ? target : descriptor.value;
    if (typeof site !== 'function') throw new TypeError('access rules apply to classes and methods only');
    if (Reflect.hasOwnMetadata(ACCESS_RULE_METADATA, site)) {
      const name = propertyKey === undefined ? (site as { name: string }).name : String(propertyKey);
      throw new TypeError(`${name} has two access rules (@Public and @Roles, or one of them twice); keep one`);
    }
    Reflect.defineMetadata(ACCESS_RULE_METADATA, rule, site);
  };
}
