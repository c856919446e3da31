import type { CsvDelimiter, RecordConsent } from '#app/standard';
import type { CaseFileFormat } from './case-import.service.js';

export class ImportUsageError extends Error {
  override readonly name = 'ImportUsageError';
}

export const NODE_IMPORT_USAGE = `usage: npm run node:import -- [options] <file.csv>
  Imports cases into this node (settings from the environment: DATA_DIR, DATABASE_URL, KEY_DIR, NODE_COUNTRY...).
  All or nothing: a file that cannot be read as a whole is not imported at all. Prints the import report (JSON) on stdout.
  --format template|ctdc   file shape (default: detected from the header)
  --strict                 import nothing if any row is rejected
  --delimiter , | ; | tab  field separator (default ,)
  --consent none|statistics|international
                           CTDC only: consent basis of the records (default statistics: kept, never sent)
  --id-prefix <text>       CTDC only: prefix of the row-based person ids (default ctdc-row-); one per source file`;

export interface ImportArguments {
  readonly file: string;
  readonly format: CaseFileFormat | undefined;
  readonly strict: boolean;
  readonly delimiter: CsvDelimiter | undefined;
  readonly ctdcConsent: RecordConsent;
  readonly ctdcPersonIdPrefix: string | undefined;
}

const consentBases: Readonly<Record<string, RecordConsent>> = {
  none: { statistics: false, international: false },
  statistics: { statistics: true, international: false },
  international: { statistics: true, international: true },
};
const delimiters: Readonly<Record<string, CsvDelimiter>> = { ',': ',', ';': ';', tab: '\t' };

export function parseImportArguments(argv: readonly string[]): ImportArguments {
  let file: string | undefined;
  let format: CaseFileFormat | undefined;
  let strict = false;
  let delimiter: CsvDelimiter | undefined;
  let ctdcConsent = consentBases['statistics'] as RecordConsent;
  let ctdcPersonIdPrefix: string | undefined;
  const valueAfter = (index: number, option: string): string => {
    const value = argv[index + 1];
    if (value === undefined || value.startsWith('--')) throw new ImportUsageError(`${option} needs a value.\n${NODE_IMPORT_USAGE}`);
    return value;
  };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index] as string;
    switch (argument) {
      case '--format': {
        const value = valueAfter(index, argument);
        if (value !== 'template' && value !== 'ctdc') throw new ImportUsageError(`--format is template or ctdc.\n${NODE_IMPORT_USAGE}`);
        format = value;
        index += 1;
        break;
      }
      case '--strict':
        strict = true;
        break;
      case '--delimiter': {
        const value = delimiters[valueAfter(index, argument)];
        if (value === undefined) throw new ImportUsageError(`--delimiter is ',', ';' or tab.\n${NODE_IMPORT_USAGE}`);
        delimiter = value;
        index += 1;
        break;
      }
      case '--consent': {
        const value = consentBases[valueAfter(index, argument)];
        if (value === undefined) throw new ImportUsageError(`--consent is none, statistics or international.\n${NODE_IMPORT_USAGE}`);
        ctdcConsent = value;
        index += 1;
        break;
      }
      case '--id-prefix':
        ctdcPersonIdPrefix = valueAfter(index, argument);
        index += 1;
        break;
      default:
        if (argument.startsWith('--') || file !== undefined) throw new ImportUsageError(`Unexpected argument.\n${NODE_IMPORT_USAGE}`);
        file = argument;
    }
  }
  if (file === undefined) throw new ImportUsageError(`No file given.\n${NODE_IMPORT_USAGE}`);
  return { file, format, strict, delimiter, ctdcConsent, ctdcPersonIdPrefix };
}

/** A CTDC export names its columns yearOfRegistration, CountryOfExploitation...; anything else is read as the template. */
export function detectCaseFileFormat(headerLine: string): CaseFileFormat {
  return /(^|[,;\t"])yearOfRegistration([,;\t"]|$)/.test(headerLine) && headerLine.includes('CountryOfExploitation') ? 'ctdc' : 'template';
}
