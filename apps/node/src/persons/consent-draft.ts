import { tryParseIsoDate, type IsoDate } from '#app/standard';
import { type InputProblem, PersonsErrorCode } from './persons.exception.js';
import type { Checked } from './registration-draft.js';

export interface ConsentFields {
  readonly statistics: boolean;
  readonly international: boolean;
  readonly givenOn?: string | null;
}

/** Consent as stored: the day each consent was given, null when it is not (or no longer) given. */
export interface ConsentDraft {
  readonly statisticsGivenOn: IsoDate | null;
  readonly internationalGivenOn: IsoDate | null;
}

/** International transmission only with statistical use; the date defaults to today and cannot be in the future. */
export function draftConsent(input: ConsentFields | null | undefined, today: IsoDate, path: string): Checked<ConsentDraft> {
  if (input === undefined || input === null) return { ok: true, value: { statisticsGivenOn: null, internationalGivenOn: null } };
  const problems: InputProblem[] = [];
  let givenOn: IsoDate | undefined = today;
  if (input.givenOn !== undefined && input.givenOn !== null) {
    givenOn = tryParseIsoDate(input.givenOn);
    if (givenOn === undefined) {
      problems.push({ path: `${path}.givenOn`, code: PersonsErrorCode.FORMAT, message: 'givenOn must be a calendar date YYYY-MM-DD' });
    } else if (givenOn > today) {
      problems.push({ path: `${path}.givenOn`, code: PersonsErrorCode.OUT_OF_RANGE, message: 'givenOn is in the future' });
    }
  }
  if (input.international && !input.statistics) {
    problems.push({
      path: `${path}.international`,
      code: PersonsErrorCode.NOT_ALLOWED,
      message: 'consent to international transmission needs consent to statistical use',
    });
  }
  if (problems.length > 0 || givenOn === undefined) return { ok: false, problems };
  return {
    ok: true,
    value: { statisticsGivenOn: input.statistics ? givenOn : null, internationalGivenOn: input.international ? givenOn : null },
  };
}
