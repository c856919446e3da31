import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { recordKey } from '#app/disclosure';
import { seededRandom, weightedPick } from './seeded-random.js';

/** A person as the hub sees one: a pseudonym and coded attributes (one leaf code per attribute). */
export interface Person {
  readonly pseudonym: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export const TEST_SECRET = new Uint8Array(32).map((_, index) => (index * 31 + 11) % 256);

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ctdcFile = path.join(repoRoot, 'data', 'third-party', 'ctdc-2020-subset', 'ctdc-2020-subset.csv');

/**
 * Real case records from the CTDC 2020 subset (k-anonymised by CTDC), every `step`-th one so that small cells
 * appear as they do in one country's quarterly return. Pseudonyms are made up from the row number: the file
 * has no identities, and the tests must not try to re-identify anyone (CTDC's terms).
 */
export function ctdcPersons(step: number): Person[] {
  const rows = parse(readFileSync(ctdcFile), { columns: true }) as Record<string, string>[];
  return rows
    .filter((_, index) => index % step === 0)
    .map((row, index) => ({
      pseudonym: `ctdc-${index}`,
      attributes: {
        geo: !row['CountryOfExploitation'] || row['CountryOfExploitation'] === '0' ? 'UNK' : row['CountryOfExploitation'],
        time: row['yearOfRegistration']!,
        sex: row['gender'] === 'Male' ? 'M' : row['gender'] === 'Female' ? 'F' : 'UNK',
        age: row['ageBroad'] ? `Y${row['ageBroad'].replace('--', '-')}` : 'UNK',
      },
    }));
}

/** Distinct values of one attribute, sorted, as the leaves of a dimension. */
export function leavesOf(persons: readonly Person[], attribute: string): string[] {
  return [...new Set(persons.map((person) => person.attributes[attribute]!))].sort();
}

export const SYNTHETIC_COUNTRIES = ['AT', 'BE', 'CY', 'DK', 'LU', 'CH'] as const;
export const EU_MEMBERS = ['AT', 'BE', 'CY', 'DK', 'LU'] as const;
export const SEXES = ['F', 'M', 'UNK'] as const;
export const AGE_GROUPS = ['Y0-11', 'Y12-17', 'Y18-24', 'Y25-34', 'Y35-44', 'Y_GE45'] as const;
export const CITIZENSHIPS = ['NAT', 'EU_OTH', 'NON_EU', 'UNK'] as const;
export const QUARTERS = ['2026-Q1', '2026-Q2'] as const;

/** Synthetic victims with skewed attributes, so that rare combinations (small cells) are common. */
export function syntheticPersons(count: number, seed: number): Person[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => ({
    pseudonym: `synthetic-${seed}-${index}`,
    attributes: {
      geo: weightedPick(random, [
        ['AT', 30],
        ['BE', 25],
        ['CY', 4],
        ['DK', 15],
        ['LU', 2],
        ['CH', 6],
      ]),
      sex: weightedPick(random, [
        ['F', 70],
        ['M', 27],
        ['UNK', 3],
      ]),
      age: weightedPick(random, [
        ['Y0-11', 4],
        ['Y12-17', 12],
        ['Y18-24', 30],
        ['Y25-34', 30],
        ['Y35-44', 15],
        ['Y_GE45', 9],
      ]),
      citizen: weightedPick(random, [
        ['NAT', 40],
        ['EU_OTH', 20],
        ['NON_EU', 35],
        ['UNK', 5],
      ]),
      time: weightedPick(random, [
        ['2026-Q1', 1],
        ['2026-Q2', 1],
      ]),
    },
  }));
}

/** The record key of each person under the test secret, computed once. */
export function keyed(persons: readonly Person[]): (Person & { readonly key: bigint })[] {
  return persons.map((person) => ({ ...person, key: recordKey(person.pseudonym, TEST_SECRET) }));
}
