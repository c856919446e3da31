import { INJECTIONS, type CsvCase } from './corpus-case.js';

/**
 * Bad files for the national node's CSV import, run in strict mode: a file with any rejected row, or one that cannot
 * be read as a whole, is refused and imports nothing. The expected code is `FILE_REJECTED/<fatal problem>` or
 * `ROWS_REJECTED/<code of the first row problem>`. Identities in the files are synthetic canaries that no report
 * may repeat.
 */

export const TEMPLATE_HEADER =
  'personId,registrationDate,legalStatus,sex,birthDate,ageGroup,citizenship,exploitation,labourSector,registeringOrganisation,' +
  'crossBorder,consentStatistics,consentInternational,reflectionPeriodDays,givenName,familyName,documentNumber,notes';

const columns = TEMPLATE_HEADER.split(',');

/** A valid template row of a synthetic person, changed by `overrides` (column -> cell text, written as given). */
export function templateRow(personId: string, overrides: Record<string, string> = {}): string {
  const cells: Record<string, string> = {
    personId,
    registrationDate: '2026-01-15',
    legalStatus: 'IDENTIFIED_VICTIM',
    sex: 'F',
    birthDate: '1990-06-01',
    ageGroup: '',
    citizenship: 'RO',
    exploitation: 'SEXUAL',
    labourSector: '',
    registeringOrganisation: 'POLICE',
    crossBorder: 'CROSS_BORDER',
    consentStatistics: 'true',
    consentInternational: 'true',
    reflectionPeriodDays: '30',
    givenName: 'Zyxwq',
    familyName: 'Canarysson',
    documentNumber: 'ZZ-CANARY-1',
    notes: '',
    ...overrides,
  };
  return columns.map((column) => cells[column] ?? '').join(',');
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');
/** A file of the header and rows, the first row valid so that a refusal is about the bad one. */
const file = (...rows: string[]) => utf8([TEMPLATE_HEADER, templateRow('REL-OK-1'), ...rows].join('\n') + '\n');
const badRow = (overrides: Record<string, string>) => file(templateRow('REL-BAD-1', overrides));
const canaries = ['Zyxwq', 'Canarysson', 'ZZ-CANARY-1'];

const rowCase = (name: string, overrides: Record<string, string>, code: string, extra: Partial<CsvCase> = {}): CsvCase => ({
  name,
  target: 'node-csv',
  file: badRow(overrides),
  expect: `ROWS_REJECTED/${code}`,
  mustNotEcho: [...canaries, ...Object.values(overrides).filter((value) => value.length >= 6)],
  ...extra,
});

const fileCase = (name: string, bytes: Uint8Array, code: string, extra: Partial<CsvCase> = {}): CsvCase => ({
  name,
  target: 'node-csv',
  file: bytes,
  expect: `FILE_REJECTED/${code}`,
  mustNotEcho: canaries,
  ...extra,
});

export const NODE_IMPORT_CASES: readonly CsvCase[] = [
  // Files that cannot be read as a whole.
  fileCase('empty file', new Uint8Array(), 'EMPTY_FILE'),
  fileCase('only a byte-order mark and blank lines', utf8('\uFEFF\n\n'), 'EMPTY_FILE'),
  fileCase(
    'a Latin-1 name in a UTF-8 file',
    Buffer.concat([utf8(`${TEMPLATE_HEADER}\n${templateRow('REL-L1').replace('Zyxwq', 'Jos')}`), Buffer.from([0xe9]), utf8('\n')]),
    'INVALID_UTF8',
    { viaCommand: true },
  ),
  fileCase('a file saved as UTF-16', Buffer.from(`\uFEFF${TEMPLATE_HEADER}\n${templateRow('REL-U16')}\n`, 'utf16le'), 'INVALID_UTF8'),
  fileCase('binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 137 + 11) % 256)), 'INVALID_UTF8'),
  fileCase(
    'semicolons where commas are expected',
    utf8(`${TEMPLATE_HEADER.replaceAll(',', ';')}\n${templateRow('REL-SC').replaceAll(',', ';')}\n`),
    'WRONG_DELIMITER',
    {
      viaCommand: true,
    },
  ),
  fileCase(
    'tabs where commas are expected',
    utf8(`${TEMPLATE_HEADER.replaceAll(',', '\t')}\n${templateRow('REL-TAB').replaceAll(',', '\t')}\n`),
    'WRONG_DELIMITER',
  ),
  fileCase(
    'an unclosed quote swallowing the file',
    file(`REL-Q,"2026-01-15,IDENTIFIED_VICTIM,F`, templateRow('REL-AFTER')),
    'MALFORMED_CSV',
  ),
  fileCase(
    'a record of 2 MB (a line break missing)',
    file(templateRow('REL-LONG', { notes: `"${'n'.repeat(2 * 1024 * 1024)}"` })),
    'RECORD_TOO_LONG',
  ),
  fileCase('a required column missing', utf8(`${TEMPLATE_HEADER.replace(',consentInternational', '')}\n`), 'MISSING_COLUMN'),
  fileCase('no age column at all', utf8(`${TEMPLATE_HEADER.replace(',birthDate,ageGroup', '')}\n`), 'MISSING_COLUMN'),
  fileCase(
    'a misspelt identity column',
    utf8(`${TEMPLATE_HEADER.replace('givenName', 'givenNmae')}\n${templateRow('REL-TYPO')}\n`),
    'UNKNOWN_COLUMN',
  ),
  fileCase('a column named twice', utf8(`${TEMPLATE_HEADER},sex\n${templateRow('REL-DUP')},F\n`), 'DUPLICATE_COLUMN'),
  fileCase('a spreadsheet formula as a column name', utf8(`${TEMPLATE_HEADER},=cmd|' /C calc'!A0\n`), 'UNKNOWN_COLUMN'),
  fileCase('data where the header should be', utf8(`${templateRow('REL-NOHEAD')}\n${templateRow('REL-NOHEAD-2')}\n`), 'DUPLICATE_COLUMN'),
  fileCase(
    'a CTDC export missing its country column',
    utf8('yearOfRegistration,gender,ageBroad,citizenship,isSexualExploit\n2019,Female,18--20,UA,1\n'),
    'MISSING_COLUMN',
    {
      format: 'ctdc',
    },
  ),

  // Rows the standard refuses (strict mode refuses the file for one of them).
  rowCase('an unknown sex', { sex: 'X' }, 'UNKNOWN_CODE', { viaCommand: true }),
  rowCase('an identity in a code column', { sex: 'Zyxwq Canarysson' }, 'UNKNOWN_CODE'),
  rowCase('an unknown legal status', { legalStatus: 'WITNESS' }, 'UNKNOWN_CODE'),
  rowCase('an unknown form of exploitation', { exploitation: 'SEXUAL;SMUGGLING' }, 'UNKNOWN_CODE'),
  rowCase('a form of exploitation twice', { exploitation: 'SEXUAL;SEXUAL' }, 'DUPLICATE_ITEM'),
  rowCase('an unknown citizenship', { citizenship: 'ZZ' }, 'UNKNOWN_CODE'),
  rowCase('SQL injection as citizenship', { citizenship: `"${INJECTIONS.sql.replaceAll('"', '""')}"` }, 'OUT_OF_RANGE', {
    mustNotEcho: [INJECTIONS.sql, ...canaries],
  }),
  rowCase('a spreadsheet formula as sex', { sex: '"=HYPERLINK(""http://evil.example"",""x"")"' }, 'UNKNOWN_CODE', {
    mustNotEcho: ['HYPERLINK', ...canaries],
  }),
  rowCase('an impossible date', { registrationDate: '2026-02-30' }, 'FORMAT'),
  rowCase('a date in day/month/year', { registrationDate: '15/01/2026' }, 'FORMAT'),
  rowCase('a date in year 0000', { registrationDate: '0000-01-15' }, 'FORMAT'),
  rowCase('a registration in the future', { registrationDate: '2099-01-15' }, 'OUT_OF_RANGE'),
  rowCase('a birth after the registration', { birthDate: '2026-03-01' }, 'BIRTH_AFTER_REGISTRATION'),
  rowCase('a person 200 years old', { birthDate: '1826-01-15', ageGroup: '' }, 'OUT_OF_RANGE'),
  rowCase('an age group that contradicts the birth date', { ageGroup: 'Y0-11' }, 'AGE_MISMATCH'),
  rowCase('no age at all', { birthDate: '', ageGroup: '' }, 'REQUIRED'),
  rowCase('consent as maybe', { consentStatistics: 'maybe' }, 'FORMAT'),
  rowCase('a labour sector without labour', { labourSector: 'C' }, 'LABOUR_SECTOR_WITHOUT_LABOUR'),
  rowCase('an offender with a registering organisation', { legalStatus: 'SUSPECT' }, 'VICTIMS_ONLY'),
  rowCase('no person id', { personId: '' }, 'REQUIRED'),
  rowCase('a person id of 200 characters', { personId: 'P'.repeat(200) }, 'OUT_OF_RANGE'),
  rowCase('a reflection period of 10^11 days', { reflectionPeriodDays: '99999999999' }, 'OUT_OF_RANGE'),
  rowCase('a reflection period beyond double range', { reflectionPeriodDays: '1e400' }, 'OUT_OF_RANGE'),
  rowCase('a negative reflection period', { reflectionPeriodDays: '-1' }, 'OUT_OF_RANGE'),
  {
    name: 'a row with one field too many',
    target: 'node-csv',
    file: file(`${templateRow('REL-WIDE')},extra`),
    expect: 'ROWS_REJECTED/COLUMN_COUNT',
    mustNotEcho: canaries,
  },
  rowCase('a NUL character in the person id', { personId: 'REL-NUL\u0000' }, 'FORMAT', { viaCommand: true }),
  rowCase('a NUL character in the notes', { notes: 'seen at\u0000night' }, 'FORMAT'),
  rowCase('a NUL character in a name', { familyName: 'Canary\u0000sson' }, 'FORMAT'),
];
