import { describe, expect, it } from '@jest/globals';
import { parseDevTokenArguments } from './dev-token-arguments.js';
import { Role } from './role.js';

describe('parseDevTokenArguments', () => {
  it('reads roles, countries, ttl and subject', () => {
    expect(parseDevTokenArguments(['--role', 'RAPPORTEUR', '--country', 'AT', '--ttl', '2h', '--sub', 'alice-dev'])).toEqual({
      kind: 'ISSUE',
      request: { roles: [Role.RAPPORTEUR], countries: ['AT'], ttl: '2h', subject: 'alice-dev' },
    });
  });

  it('accepts repeated and comma-separated lists, in any case', () => {
    expect(parseDevTokenArguments(['--role', 'researcher,international_body', '--role', 'STEWARD', '--country', 'at,el'])).toEqual({
      kind: 'ISSUE',
      request: { roles: [Role.RESEARCHER, Role.INTERNATIONAL_BODY, Role.STEWARD], countries: ['AT', 'EL'] },
    });
  });

  it('asks for help, and refuses a missing or unknown role and unknown options', () => {
    expect(parseDevTokenArguments(['--help'])).toEqual({ kind: 'HELP' });
    expect(() => parseDevTokenArguments([])).toThrow(/--role is required/);
    expect(() => parseDevTokenArguments(['--role', 'ADMIN'])).toThrow(/unknown role ADMIN/);
    expect(() => parseDevTokenArguments(['--role', 'RESEARCHER', '--countries', 'AT'])).toThrow();
  });
});
