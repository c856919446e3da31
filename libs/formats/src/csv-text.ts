/** RFC 4180 line break. */
export const CSV_LINE_END = '\r\n';

/** Lets spreadsheet applications detect UTF-8. */
export const UTF8_BYTE_ORDER_MARK = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n]/;

// Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula (OWASP's list:
// the four the standard names plus tab and carriage return).
const FORMULA_START = /^[=+\-@\t\r]/;

/** RFC 4180: a field with a comma, a double quote or a line break is quoted, inner quotes doubled. */
export function quoteCsvField(field: string): string {
  return NEEDS_QUOTES.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * Formula-injection defence: a text field that a spreadsheet would evaluate gets a leading `'`,
 * which spreadsheets show as text. Only for text fields: numbers are written as they are.
 */
export function defuseFormula(field: string): string {
  return FORMULA_START.test(field) ? `'${field}` : field;
}

/** One CSV record, quoted, with its line end. */
export function csvLine(fields: readonly string[]): string {
  return fields.map(quoteCsvField).join(',') + CSV_LINE_END;
}

/** Groups lines into chunks of about `targetLength` characters, so a stream gets few, large writes. */
export function* chunkLines(lines: Iterable<string>, targetLength = 64 * 1024): Generator<string, void, undefined> {
  let buffer: string[] = [];
  let length = 0;
  for (const line of lines) {
    buffer.push(line);
    length += line.length;
    if (length >= targetLength) {
      yield buffer.join('');
      buffer = [];
      length = 0;
    }
  }
  if (buffer.length > 0) yield buffer.join('');
}
