import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { repoRoot, thirdPartyDataDir } from '../testing/test-paths.js';
import { parseIsoDate } from '../time/iso-date.js';
import { EurostatTsvError, parseEurostatPopulationTsv } from './eurostat-tsv.parser.js';
import { formatPopulationTable, population, populationYears } from './population-table.js';
import { projectPopulationTable, validatePopulationTable } from './population-table.loader.js';

const source = { tableId: 'tps00001', title: 'Population on 1 January', source: 'Eurostat', extractionDate: parseIsoDate('2026-11-22') };
const eurostatTsv = readFileSync(path.join(thirdPartyDataDir, 'population', 'tps00001.tsv'), 'utf8');

describe('Eurostat bulk TSV parser', () => {
  const table = parseEurostatPopulationTsv(eurostatTsv, source);

  it('reads every geography and year with its flags', () => {
    expect(table.observations).toHaveLength(55 * 12);
    expect(populationYears(table)).toEqual([2008, 2009, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019]);
    expect(table.fixedDimensions).toEqual({ indic_de: 'JAN' });
    expect(table.version).toBe('tps00001@2026-11-22');
    expect(population(table, 'DE', 2011)).toEqual({ value: 80222065, flags: 'b', version: 'tps00001@2026-11-22' });
    expect(population(table, 'DE', 2019)).toEqual({ value: 83019213, flags: '', version: 'tps00001@2026-11-22' });
    expect(population(table, 'AD', 2014)).toEqual({ value: null, flags: ':', version: 'tps00001@2026-11-22' });
    expect(population(table, 'EU27_2020', 2019)).toMatchObject({ value: 446824564, flags: 'ep' });
    expect(population(table, 'EL', 2019)?.value).toBe(10724599);
    expect(population(table, 'GR', 2019)).toBeUndefined();
    expect(population(table, 'DE', 2020)).toBeUndefined();
    expect(population(table, 'DE', 2019, { sex: 'F' })).toBeUndefined();
  });

  it('produces a table that follows the schema', () => {
    expect(validatePopulationTable(table)).toMatchObject({ ok: true });
    expect(validatePopulationTable({ ...table, observations: [{ geo: 'DE', year: 2019 }] }).ok).toBe(false);
  });

  it('reads the newer layout with sex and age and keeps flags canonical', () => {
    const tsv =
      'freq,unit,sex,age,geo\\TIME_PERIOD\t2023 \t2024 \nA,NR,F,TOTAL,DE\t42000000 \t42100000 pe\nA,NR,M,TOTAL,DE\t41000000 \t: c\n';
    const newer = parseEurostatPopulationTsv(tsv, { ...source, tableId: 'demo_pjan', version: 'demo_pjan-2025-03' });
    expect(newer.fixedDimensions).toEqual({ freq: 'A', unit: 'NR' });
    expect(population(newer, 'DE', 2024, { sex: 'F' })).toEqual({ value: 42100000, flags: 'ep', version: 'demo_pjan-2025-03' });
    expect(population(newer, 'DE', 2024, { sex: 'M' })).toMatchObject({ value: null, flags: ':c' });
    expect(population(newer, 'DE', 2024)).toBeUndefined();
  });

  it('says where a file is wrong', () => {
    const header = 'indic_de,geo\\time\t2018 \t2019 \n';
    const cases: [string, string][] = [
      ['geo\\time\t2019 \nDE\t12 x\n', "line 2, column 2: 'x' is not an observation flag"],
      [`${header}JAN,DE\t12 \n`, 'line 2: expected 3 tab-separated cells, found 2'],
      [`${header}JAN,DE\t12 \tabc \n`, 'line 2, column 3: a cell is a number'],
      [`${header}JAN,DE\t12 \t13 \nJAN,DE\t12 \t13 \n`, 'DE 2018 appears twice'],
      [`${header}JAN,DE\t12 \t13 \nFEB,AT\t12 \t13 \n`, 'line 3, column 1: dimension indic_de takes two values'],
      ['indic_de,geo\\time\t2019Q1 \nJAN,DE\t1 \n', 'one column per year'],
      ['indic_de,unit\\time\t2019 \nJAN,NR\t1 \n', 'no geo dimension'],
      ['indic_de,geo\t2019 \nJAN,DE\t1 \n', 'first header cell'],
      [header, 'no data rows'],
      [`${header}JAN,DE\t12.5 \t13 \n`, 'whole number'],
    ];
    for (const [text, message] of cases) {
      expect(() => parseEurostatPopulationTsv(text, source)).toThrow(EurostatTsvError);
      expect(() => parseEurostatPopulationTsv(text, source)).toThrow(message);
    }
  });
});

describe("the project's own copy", () => {
  it('is the tps00001 file the repository carries, as the script writes it', () => {
    const committedText = readFileSync(path.join(repoRoot, 'libs', 'standard', 'data', 'population-tps00001.json'), 'utf8');
    const committed = projectPopulationTable();
    const regenerated = parseEurostatPopulationTsv(eurostatTsv, {
      tableId: committed.tableId,
      title: committed.title,
      source: committed.source,
      extractionDate: committed.extractionDate,
      version: committed.version,
      ...(committed.sourceUrl === undefined ? {} : { sourceUrl: committed.sourceUrl }),
      ...(committed.note === undefined ? {} : { note: committed.note }),
    });
    expect(formatPopulationTable(regenerated)).toBe(committedText);
  });

  it('names its source, table, extraction date and version', () => {
    const table = projectPopulationTable();
    expect(table).toMatchObject({ tableId: 'tps00001', standardVersion: '1.0.0', unit: 'persons on 1 January' });
    expect(table.source).toContain('Eurostat');
    expect(table.extractionDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(population(table, 'UK', 2019)).toMatchObject({ value: 66647112, flags: '' });
    expect(projectPopulationTable()).toBe(table);
  });
});
