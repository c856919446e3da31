import { describe, expect, it } from '@jest/globals';
import { parseIsoDate } from '#app/standard';
import { draftRegistration, type DraftContext, type RegistrationFields } from './registration-draft.js';

const context: DraftContext = {
  country: 'AT',
  birthDate: undefined,
  birthDatePath: 'input.identity.birthDate',
  today: parseIsoDate('2026-06-30'),
};
const victim: RegistrationFields = {
  registrationDate: '2026-04-01',
  legalStatus: 'PRESUMED_VICTIM',
  sex: 'F',
  citizenship: 'UA',
  exploitation: ['LABOUR'],
  labourSector: 'A',
  registeringOrganisation: 'NGO',
  crossBorder: 'CROSS_BORDER',
};
const draft = (fields: Partial<RegistrationFields>, over: Partial<DraftContext> = {}) =>
  draftRegistration({ ...victim, ...fields }, { ...context, ...over }, 'input.registrations.0');

describe('draftRegistration', () => {
  it('derives the quarter from the date, and UNK for an unknown age', () => {
    expect(draft({})).toEqual({
      ok: true,
      value: {
        registrationDate: '2026-04-01',
        period: '2026-Q2',
        legalStatus: 'PRESUMED_VICTIM',
        sex: 'F',
        ageGroup: 'UNK',
        citizenship: 'UA',
        exploitation: ['LABOUR'],
        labourSector: 'A',
        registeringOrganisation: 'NGO',
        crossBorder: 'CROSS_BORDER',
        protection: null,
      },
    });
  });

  it('derives the age group at registration from the birth date, the birthday counting as the new age', () => {
    const onBirthday = draft({ registrationDate: '2026-04-01' }, { birthDate: parseIsoDate('2008-04-01') });
    const dayBefore = draft({ registrationDate: '2026-03-31' }, { birthDate: parseIsoDate('2008-04-01') });
    expect(onBirthday.ok && onBirthday.value.ageGroup).toBe('Y18-24');
    expect(dayBefore.ok && dayBefore.value.ageGroup).toBe('Y12-17');
  });

  it('gives a year-only registration the year as period and the narrowest age group of that year', () => {
    const sameGroup = draft({ registrationDate: null, registrationYear: 2019 }, { birthDate: parseIsoDate('2000-06-01') });
    expect(sameGroup).toMatchObject({ ok: true, value: { period: '2019', registrationDate: null, ageGroup: 'Y18-24' } });
    // Turns 18 during the year: a child and then an adult, so only UNK holds for the whole year.
    const straddling = draft({ registrationDate: null, registrationYear: 2019 }, { birthDate: parseIsoDate('2001-06-01') });
    expect(straddling).toMatchObject({ ok: true, value: { ageGroup: 'UNK' } });
  });

  it('keeps a given age group without a birth date and refuses one that contradicts the birth date', () => {
    expect(draft({ ageGroup: 'Y_LT18' })).toMatchObject({ ok: true, value: { ageGroup: 'Y_LT18' } });
    expect(draft({ ageGroup: 'Y25-34' }, { birthDate: parseIsoDate('1990-01-01') })).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: 'input.registrations.0.ageGroup', code: 'AGE_GROUP_MISMATCH' })],
    });
  });

  it.each([
    [{ registrationDate: null }, 'input.registrations.0.registrationDate', 'REQUIRED'],
    [{ registrationYear: 2020 }, 'input.registrations.0.registrationYear', 'NOT_ALLOWED'],
    [{ registrationDate: '2026-13-01' }, 'input.registrations.0.registrationDate', 'FORMAT'],
    [{ registrationDate: '2026-07-01' }, 'input.registrations.0.registrationDate', 'OUT_OF_RANGE'],
    [{ registrationDate: null, registrationYear: 1850 }, 'input.registrations.0.registrationYear', 'OUT_OF_RANGE'],
    [{ sex: 'female' }, 'input.registrations.0.sex', 'UNKNOWN_CODE'],
    [{ exploitation: [] }, 'input.registrations.0.exploitation', 'TOO_FEW'],
    [{ exploitation: ['LABOUR', 'LABOUR'] }, 'input.registrations.0.exploitation.1', 'DUPLICATE_ITEM'],
    [{ exploitation: ['SEXUAL'] }, 'input.registrations.0.labourSector', 'LABOUR_SECTOR_WITHOUT_LABOUR'],
    [{ registeringOrganisation: null }, 'input.registrations.0.registeringOrganisation', 'REQUIRED'],
    [{ legalStatus: 'CONVICTED' }, 'input.registrations.0.registeringOrganisation', 'VICTIMS_ONLY'],
    [{ protection: { residencePermit: 'FOREVER' } }, 'input.registrations.0.protection.residencePermit', 'UNKNOWN_CODE'],
  ] as Array<[Partial<RegistrationFields>, string, string]>)('refuses %j at %s with %s', (fields, path, code) => {
    const result = draft(fields);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems).toContainEqual(expect.objectContaining({ path, code }));
  });

  it('refuses a birth date after the registration, naming the birth date', () => {
    expect(draft({}, { birthDate: parseIsoDate('2026-05-01') })).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: 'input.identity.birthDate', code: 'OUT_OF_RANGE' })],
    });
  });

  it('never puts the offending value in a message', () => {
    const result = draft({ sex: 'Maria Secretname', citizenship: 'Secretland' });
    expect(JSON.stringify(result)).not.toMatch(/Secret/);
  });
});
