import { describe, expect, it } from '@jest/globals';
import { AuthErrorCode, AuthException } from './auth.exception.js';
import { actingAs, assertCountryInScope, countriesInScope, countryScopeOf } from './country-scope.js';
import type { Principal } from './principal.js';
import { Role } from './role.js';

const rapporteurAT: Principal = { subject: 'r', roles: [Role.RAPPORTEUR], countries: ['AT'] };
const stewardATEL: Principal = { subject: 's', roles: [Role.STEWARD], countries: ['AT', 'EL'] };
const researcher: Principal = { subject: 'x', roles: [Role.RESEARCHER], countries: [] };
const researcherAndRapporteurAT: Principal = { subject: 'y', roles: [Role.RESEARCHER, Role.RAPPORTEUR], countries: ['AT'] };

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof AuthException ? error.code : 'NOT_AN_AUTH_EXCEPTION';
  }
}

describe('country scope', () => {
  it('limits rapporteurs and stewards to their countries', () => {
    expect(codeOf(() => assertCountryInScope(rapporteurAT, 'AT'))).toBeUndefined();
    expect(codeOf(() => assertCountryInScope(rapporteurAT, 'DE'))).toBe(AuthErrorCode.COUNTRY_OUT_OF_SCOPE);
    expect(codeOf(() => assertCountryInScope(stewardATEL, 'EL'))).toBeUndefined();
  });

  it('does not scope researchers, international bodies and hub administrators', () => {
    for (const role of [Role.RESEARCHER, Role.INTERNATIONAL_BODY, Role.HUB_ADMIN]) {
      expect(countryScopeOf({ subject: 'u', roles: [role], countries: [] })).toEqual({ kind: 'ALL' });
    }
    expect(codeOf(() => assertCountryInScope(researcher, 'DE'))).toBeUndefined();
  });

  it('judges a principal by the roles the operation allows', () => {
    expect(codeOf(() => assertCountryInScope(researcherAndRapporteurAT, 'DE'))).toBeUndefined();
    const asRapporteur = actingAs(researcherAndRapporteurAT, [Role.RAPPORTEUR]);
    expect(asRapporteur.roles).toEqual([Role.RAPPORTEUR]);
    expect(codeOf(() => assertCountryInScope(asRapporteur, 'DE'))).toBe(AuthErrorCode.COUNTRY_OUT_OF_SCOPE);
    expect(codeOf(() => assertCountryInScope(asRapporteur, 'AT'))).toBeUndefined();
  });

  it('gives nothing to a principal without roles', () => {
    expect(countryScopeOf({ subject: 'n', roles: [], countries: ['AT'] })).toEqual({ kind: 'ONLY', countries: [] });
  });

  it('narrows a multi-country request, refusing rather than silently dropping countries', () => {
    expect(countriesInScope(stewardATEL, undefined)).toEqual({ kind: 'ONLY', countries: ['AT', 'EL'] });
    expect(countriesInScope(stewardATEL, ['EL', 'EL'])).toEqual({ kind: 'ONLY', countries: ['EL'] });
    expect(countriesInScope(researcher, [])).toEqual({ kind: 'ALL' });
    expect(countriesInScope(researcher, ['DE', 'FR'])).toEqual({ kind: 'ONLY', countries: ['DE', 'FR'] });
    expect(codeOf(() => countriesInScope(stewardATEL, ['AT', 'DE', 'FR']))).toBe(AuthErrorCode.COUNTRY_OUT_OF_SCOPE);
    expect(() => countriesInScope(stewardATEL, ['AT', 'DE'], 'filter.countries')).toThrow(
      expect.objectContaining({ fields: ['filter.countries'], details: { countries: ['DE'] }, httpStatus: 403 }),
    );
  });
});
