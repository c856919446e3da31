import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { bytesOf, hugeLineSource } from '../testing/csv-sources.js';
import { repoRoot } from '../testing/test-paths.js';
import { type ImportItem, type ImportedCase, runImport } from './csv-import.js';
import { CsvImportError, type ImportReport } from './import-problem.js';
import { importCtdcCsv } from './ctdc-format.js';
import { TEMPLATE_COLUMNS, importTemplateCsv } from './template-format.js';

const header = [...TEMPLATE_COLUMNS.required, 'ageGroup'].join(',');
const goodRow = 'P-1,2026-07-02,IDENTIFIED_VICTIM,F,RO,SEXUAL,POLICE,CROSS_BORDER,true,true,Y18-24';

/**
 * What a node does: insert accepted cases inside one transaction and commit only a clean import. The staged rows
 * stand for the transaction's inserts; `committed` is what survives.
 */
async function importAllOrNothing(
  items: AsyncGenerator<ImportItem, ImportReport, undefined>,
): Promise<{ report: ImportReport; committed: ImportedCase[]; staged: number }> {
  const staged: ImportedCase[] = [];
  const report = await runImport(items, (imported) => {
    staged.push(imported);
  });
  return { report, committed: report.outcome === 'CLEAN' ? staged : [], staged: staged.length };
}

function template(text: string | Uint8Array, maxRecordSize?: number): AsyncGenerator<ImportItem, ImportReport, undefined> {
  return importTemplateCsv(bytesOf(text), { country: 'DE', ...(maxRecordSize === undefined ? {} : { maxRecordSize }) });
}

describe('malformed files end with a precise report and no result', () => {
  it('names every missing column', async () => {
    const { report, committed } = await importAllOrNothing(template('personId,registrationDate,sex\nP-1,2026-07-02,F\n'));
    expect(committed).toEqual([]);
    expect(report).toMatchObject({ outcome: 'FATAL', rowsRead: 0, fatal: { code: 'MISSING_COLUMN', line: 1 } });
    expect(report.fatal?.message).toBe(
      'missing columns for the template format: legalStatus, citizenship, exploitation, registeringOrganisation, crossBorder, consentStatistics, consentInternational, birthDate or ageGroup',
    );
  });

  it('names an unknown or duplicated column', async () => {
    const unknown = await runImport(template(`${header},labourSecter\n${goodRow},C\n`));
    expect(unknown.fatal).toMatchObject({ code: 'UNKNOWN_COLUMN', column: 'labourSecter' });
    const duplicated = await runImport(template(`${header},sex\n${goodRow},F\n`));
    expect(duplicated.fatal).toMatchObject({ code: 'DUPLICATE_COLUMN', column: 'sex' });
  });

  it('says when the file uses another delimiter', async () => {
    const semicolons = `${header.replaceAll(',', ';')}\n${goodRow.replaceAll(',', ';')}\n`;
    const report = await runImport(template(semicolons));
    expect(report.fatal).toMatchObject({ code: 'WRONG_DELIMITER', line: 1 });
    expect(report.fatal?.message).toBe("the header is a single column containing ';': the file seems to be ';'-separated, expected ','");
    const tabs = await runImport(template(`${header.replaceAll(',', '\t')}\n`));
    expect(tabs.fatal?.message).toContain('tab-separated');
  });

  it('rejects a file with a bad code as a whole when the caller wants all or nothing', async () => {
    const text = `${header}\n${goodRow}\n${goodRow.replace('P-1', 'P-2').replace(',F,', ',W,')}\n${goodRow.replace('P-1', 'P-3')}\n`;
    const { report, committed, staged } = await importAllOrNothing(template(text));
    expect(staged).toBe(2);
    expect(committed).toEqual([]);
    expect(report).toMatchObject({ outcome: 'ROWS_REJECTED', rowsRead: 3, accepted: 2, rejected: 1 });
    expect(report.rejections).toEqual([
      {
        row: 2,
        line: 3,
        problems: [{ column: 'sex', code: 'UNKNOWN_CODE', message: 'sex: not a code of code list sex: F, M, OTHER, UNK' }],
      },
    ]);
  });

  it('stops at a 200 MB line after reading little more than the record limit', async () => {
    const source = hugeLineSource(`${header}\n${goodRow}\n`, 200 * 1024 * 1024);
    const { report, committed, staged } = await importAllOrNothing(
      importTemplateCsv(source.stream, { country: 'DE', maxRecordSize: 1 << 20 }),
    );
    expect(committed).toEqual([]);
    expect(staged).toBe(1);
    expect(report).toMatchObject({ outcome: 'FATAL', rowsRead: 1, accepted: 1, fatal: { code: 'RECORD_TOO_LONG', line: 3 } });
    expect(report.fatal?.message).toBe(
      'a record is longer than 1048576 characters at line 3: a line break is missing or a quote is not closed',
    );
    expect(source.pulled()).toBeLessThan(4 * 1024 * 1024);
    expect(source.stream.destroyed).toBe(true);
  });

  it('stops at an unclosed quote swallowing the rest of the file', async () => {
    const text = `${header}\n"P-1,2026-07-02,IDENTIFIED_VICTIM,F,RO,SEXUAL,POLICE,CROSS_BORDER,true,true,Y18-24\n${goodRow}\n`;
    const report = await runImport(template(text));
    expect(report.fatal).toMatchObject({ code: 'MALFORMED_CSV' });
    expect(report.fatal?.message).toContain('CSV_QUOTE_NOT_CLOSED');
    // The row before the endless one, in the same chunk, is still accounted for.
    const limited = await runImport(template(`${header}\n${goodRow}\n"${'a'.repeat(5000)}\n`, 1000));
    expect(limited).toMatchObject({ outcome: 'FATAL', rowsRead: 1, accepted: 1, fatal: { code: 'RECORD_TOO_LONG', line: 3 } });
  });

  it('gives the byte and line of invalid UTF-8, also across a chunk boundary', async () => {
    const before = Buffer.from(
      `${header}\n${goodRow}\nP-2,2026-07-02,IDENTIFIED_VICTIM,F,RO,SEXUAL,POLICE,CROSS_BORDER,true,true,Y18-24,`,
      'utf8',
    );
    const latin1 = Buffer.concat([
      Buffer.from(`${header},notes\n${goodRow},ok\n${goodRow.replace('P-1', 'P-2')},caf`, 'utf8'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    const report = await runImport(importTemplateCsv(bytesOf(latin1), { country: 'DE' }));
    expect(report.fatal).toMatchObject({ code: 'INVALID_UTF8', line: 3, byteOffset: latin1.length - 2 });
    expect(report.fatal?.message).toBe(
      `the file is not UTF-8: invalid byte sequence at byte ${latin1.length - 2} (line 3); save it as UTF-8`,
    );
    // A three-byte character whose last byte is wrong, split over two chunks.
    const split = Buffer.concat([before, Buffer.from([0xe2, 0x82, 0x41]), Buffer.from('\n')]);
    const splitReport = await runImport(importTemplateCsv(bytesOf(split, before.length + 2), { country: 'DE' }));
    expect(splitReport.fatal).toMatchObject({ code: 'INVALID_UTF8', line: 3, byteOffset: before.length });
    // A file that ends in the middle of a character.
    const truncated = Buffer.concat([Buffer.from(`${header}\n${goodRow}\n`), Buffer.from([0xf0, 0x9f])]);
    const truncatedReport = await runImport(importTemplateCsv(bytesOf(truncated), { country: 'DE' }));
    expect(truncatedReport.fatal).toMatchObject({ code: 'INVALID_UTF8', line: 3, byteOffset: truncated.length - 2 });
  });

  it('reports an empty file and a missing file', async () => {
    expect((await runImport(template(''))).fatal).toMatchObject({ code: 'EMPTY_FILE' });
    const missing = await runImport(importTemplateCsv(path.join(repoRoot, 'no-such-file.csv'), { country: 'DE' }));
    expect(missing.fatal).toMatchObject({ code: 'READ_FAILED', message: 'the source could not be read (ENOENT)' });
    const ctdc = await runImport(
      importCtdcCsv(bytesOf('yearOfRegistration,gender\n2016,Female\n'), { consent: { statistics: true, international: true } }),
    );
    expect(ctdc.fatal?.message).toBe(
      'missing columns for the ctdc format: ageBroad, citizenship, isForcedLabour, isSexualExploit, CountryOfExploitation',
    );
  });

  it('throws to a caller iterating by hand, so that its transaction aborts', async () => {
    const seen: string[] = [];
    const iterate = async (): Promise<void> => {
      for await (const item of template(`${header}\n${goodRow}\n"open\n`)) seen.push(item.kind);
    };
    await expect(iterate()).rejects.toThrow(CsvImportError);
    await expect(iterate()).rejects.toMatchObject({ report: { outcome: 'FATAL', accepted: 1 }, problem: { code: 'MALFORMED_CSV' } });
    expect(seen).toEqual(['accepted', 'accepted']);
  });

  it('closes the source when the caller fails half-way', async () => {
    const source = bytesOf(`${header}\n${goodRow}\n${goodRow}\n`, 16);
    const failing = runImport(importTemplateCsv(source, { country: 'DE' }), () => {
      throw new Error('insert failed');
    });
    await expect(failing).rejects.toThrow('insert failed');
    expect(source.destroyed).toBe(true);
  });
});
