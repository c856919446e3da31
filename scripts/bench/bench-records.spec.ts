import { describe, expect, it } from '@jest/globals';
import { isVictimStatus, validateReturn, type PseudonymisedRecord } from '#app/standard';
import { BenchNode } from './bench-node.js';
import { BENCH_COUNTRY_WEIGHTS, BENCH_QUARTERS, benchPersons, type PersonPlanOptions } from './bench-records.js';
import { copyField } from './record-rows.js';

const plan: PersonPlanOptions = { seed: 5, countries: BENCH_COUNTRY_WEIGHTS, periods: BENCH_QUARTERS, recurrence: 0.1 };

describe('benchmark records', () => {
  it('make a return the standard accepts', async () => {
    const node = await BenchNode.create('node-bench-at', ['AT'], 1);
    const records = node.records({ seed: 1, countries: [['AT', 1]], periods: ['2025-Q3'], recurrence: 0 }, 0, 2_000);
    const checked = validateReturn(node.returnOf('AT', '2025-Q3', records));
    expect(checked.ok ? [] : checked.errors.slice(0, 3)).toEqual([]);
  });

  it('are the same for the same seed, whether drawn at once or in batches', async () => {
    const node = await BenchNode.create('node-bench', ['AT'], 2);
    const once = node.records(plan, 0, 300);
    const batches = [...node.records(plan, 0, 120), ...node.records(plan, 120, 180)];
    expect(batches).toEqual(once);
    const otherSeed = node.records({ ...plan, seed: 6 }, 0, 300);
    expect(otherSeed).not.toEqual(once);
  });

  it('follow the distributions they claim', async () => {
    const node = await BenchNode.create('node-bench', ['AT'], 3);
    const records: PseudonymisedRecord[] = node.records(plan, 0, 20_000);
    const share = (test: (record: PseudonymisedRecord) => boolean, among = records) => among.filter(test).length / among.length;
    const victims = records.filter((record) => isVictimStatus(record.legalStatus));
    expect(victims.length / records.length).toBeCloseTo(0.7, 1);
    expect(share((record) => record.sex === 'F', victims)).toBeCloseTo(0.7, 1);
    expect(share((record) => ['Y0-11', 'Y12-17', 'Y_LT18'].includes(record.ageGroup), victims)).toBeCloseTo(0.2, 1);
    expect(share((record) => record.exploitation.includes('SEXUAL'))).toBeGreaterThan(0.5);
    expect(share((record) => record.country === 'FR')).toBeGreaterThan(share((record) => record.country === 'MT') * 10);
    expect(new Set(records.map((record) => record.period))).toEqual(new Set(BENCH_QUARTERS));
  });

  it('bring persons back in later periods of the same country when asked to', () => {
    const persons = benchPersons(plan, 0, 20_000);
    const periodsOf = new Map<string, Set<string>>();
    for (const person of persons) periodsOf.set(person.personId, (periodsOf.get(person.personId) ?? new Set()).add(person.period));
    const recurring = [...periodsOf.values()].filter((periods) => periods.size > 1).length;
    expect(recurring / periodsOf.size).toBeGreaterThan(0.05);
    expect(persons.every((person) => person.personId.startsWith(`${person.country}-`))).toBe(true);
    const distinct = benchPersons({ ...plan, recurrence: 0 }, 0, 5_000);
    expect(new Set(distinct.map((person) => person.personId)).size).toBe(5_000);
  });
});

describe('COPY text fields', () => {
  it('write nulls, booleans, numbers, code lists and escaped text', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(true)).toBe('t');
    expect(copyField(false)).toBe('f');
    expect(copyField(42)).toBe('42');
    expect(copyField(['SEXUAL', 'LABOUR'])).toBe('{SEXUAL,LABOUR}');
    expect(copyField('a\tb\\c\nd')).toBe('a\\tb\\\\c\\nd');
    expect(() => copyField(['not, a code'])).toThrow();
  });
});
