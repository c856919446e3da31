import { describe, expect, it } from '@jest/globals';
import { detectCaseFileFormat, ImportUsageError, parseImportArguments } from './import-arguments.js';

describe('parseImportArguments', () => {
  it('reads a file and the defaults', () => {
    expect(parseImportArguments(['cases.csv'])).toEqual({
      file: 'cases.csv',
      format: undefined,
      strict: false,
      delimiter: undefined,
      ctdcConsent: { statistics: true, international: false },
      ctdcPersonIdPrefix: undefined,
    });
  });

  it('reads every option', () => {
    expect(
      parseImportArguments([
        '--format',
        'ctdc',
        '--strict',
        '--delimiter',
        'tab',
        '--consent',
        'international',
        '--id-prefix',
        'ctdc2020-',
        'x.csv',
      ]),
    ).toEqual({
      file: 'x.csv',
      format: 'ctdc',
      strict: true,
      delimiter: '\t',
      ctdcConsent: { statistics: true, international: true },
      ctdcPersonIdPrefix: 'ctdc2020-',
    });
  });

  it.each([
    [[]],
    [['--format', 'xlsx', 'a.csv']],
    [['--delimiter', '|', 'a.csv']],
    [['--consent']],
    [['a.csv', 'b.csv']],
    [['--verbose', 'a.csv']],
  ])('refuses %j with the usage', (argv) => {
    expect(() => parseImportArguments(argv)).toThrow(ImportUsageError);
  });
});

describe('detectCaseFileFormat', () => {
  it('recognises a CTDC header and reads anything else as the template', () => {
    expect(
      detectCaseFileFormat('yearOfRegistration,gender,ageBroad,citizenship,isForcedLabour,isSexualExploit,CountryOfExploitation'),
    ).toBe('ctdc');
    expect(detectCaseFileFormat('personId,registrationDate,legalStatus')).toBe('template');
    expect(detectCaseFileFormat('personId;yearOfRegistrationX;CountryOfExploitation')).toBe('template');
  });
});
