/**
 * Who may do what is decided by role; rapporteurs and stewards are further limited to their countries.
 * Kept free of Nest so the verifier and the dev issuer stay plain TypeScript (see role.graphql.ts).
 */
export enum Role {
  RAPPORTEUR = 'RAPPORTEUR',
  STEWARD = 'STEWARD',
  RESEARCHER = 'RESEARCHER',
  INTERNATIONAL_BODY = 'INTERNATIONAL_BODY',
  HUB_ADMIN = 'HUB_ADMIN',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Roles that only ever act for the countries listed in the token. */
export const COUNTRY_SCOPED_ROLES: ReadonlySet<Role> = new Set([Role.RAPPORTEUR, Role.STEWARD]);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}

export function isCountryScopedRole(role: Role): boolean {
  return COUNTRY_SCOPED_ROLES.has(role);
}
