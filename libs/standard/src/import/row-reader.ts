import { type CodeList, isCodeOf } from '../code-lists/code-list.js';
import { type RowCells } from './csv-import.js';
import { type RowProblem, type RowProblemCode } from './import-problem.js';

/**
 * Reads the cells of one row into typed values, collecting every problem instead of stopping at the first, so that a
 * rejected row lists all that is wrong with it. Messages name the column and what was expected, never the cell.
 */
export class RowReader {
  readonly problems: RowProblem[] = [];

  constructor(private readonly cells: RowCells) {}

  problem(column: string, code: RowProblemCode, message: string): undefined {
    this.problems.push({ column, code, message });
    return undefined;
  }

  /** The trimmed cell; '' when blank, undefined when the file has no such column. */
  raw(column: string): string | undefined {
    return this.cells(column)?.trim();
  }

  /** A non-blank trimmed cell, or undefined (with a REQUIRED problem when `required`). */
  text(column: string, required: boolean, maxLength = 1000): string | undefined {
    const value = this.raw(column);
    if (value === undefined || value === '') {
      return required ? this.problem(column, 'REQUIRED', `${column} is required`) : undefined;
    }
    if (value.length > maxLength) return this.problem(column, 'OUT_OF_RANGE', `${column} is longer than ${maxLength} characters`);
    return value;
  }

  code<Code extends string>(column: string, list: CodeList<Code>, required: boolean, blankHint = ''): Code | undefined {
    const value = this.raw(column);
    if (value === undefined || value === '') {
      return required ? this.problem(column, 'REQUIRED', `${column} is required${blankHint}`) : undefined;
    }
    if (!isCodeOf(list, value)) return this.problem(column, 'UNKNOWN_CODE', unknownCodeMessage(column, list));
    return value;
  }
}

export function unknownCodeMessage(column: string, list: CodeList<string>): string {
  const codes = list.codes.length <= 15 ? `: ${list.codes.join(', ')}` : '';
  return `${column}: not a code of code list ${list.id}${codes}`;
}
