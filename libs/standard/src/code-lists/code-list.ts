import type { IsoDate } from '../time/iso-date.js';

/** The languages every code list is labelled in: English (`label`, the reference) and the translations of `labels`. */
export const CODE_LABEL_LANGUAGES = ['en', 'fr', 'de'] as const;
export type CodeLabelLanguage = (typeof CODE_LABEL_LANGUAGES)[number];
export type TranslatedLabels = Readonly<Record<Exclude<CodeLabelLanguage, 'en'>, string>>;

export interface CodeListEntry<Code extends string> {
  readonly code: Code;
  readonly label: string;
  readonly labels: TranslatedLabels;
  readonly description?: string;
  /** ISO 3166-1 alpha-2 code where the Eurostat spelling differs (GR for EL). */
  readonly iso?: string;
  /** First day the code applies, inclusive. */
  readonly validFrom?: IsoDate;
  /** Last day the code applies, inclusive. */
  readonly validTo?: IsoDate;
  /** Members of a country group. */
  readonly members?: readonly string[];
}

export interface CodeList<Code extends string> {
  readonly standardVersion: string;
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly codes: readonly Code[];
  readonly entries: readonly CodeListEntry<Code>[];
  readonly byCode: ReadonlyMap<string, CodeListEntry<Code>>;
}

interface CodeListFile {
  readonly standardVersion: string;
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  readonly codes: readonly { readonly code: string; readonly label: string; readonly labels: TranslatedLabels }[];
}

/**
 * Binds a code list file of schemas/code-lists/ to the library's literal codes. The file is the source of truth; if
 * it and the TypeScript codes disagree (a code added on one side only, or reordered), loading the library fails at
 * once instead of letting types and data drift apart.
 */
export function defineCodeList<const Code extends string>(file: CodeListFile, codes: readonly Code[]): CodeList<Code> {
  const fileCodes = file.codes.map((entry) => entry.code);
  if (fileCodes.length !== codes.length || fileCodes.some((code, index) => code !== codes[index])) {
    throw new Error(`code list '${file.id}' differs from the codes compiled into libs/standard`);
  }
  const entries = file.codes as readonly CodeListEntry<Code>[];
  return {
    standardVersion: file.standardVersion,
    id: file.id,
    title: file.title,
    ...(file.description === undefined ? {} : { description: file.description }),
    codes,
    entries,
    byCode: new Map(entries.map((entry) => [entry.code, entry])),
  };
}

export function isCodeOf<Code extends string>(list: CodeList<Code>, value: string): value is Code {
  return list.byCode.has(value);
}

export function labelOf<Code extends string>(list: CodeList<Code>, code: Code): string {
  const entry = list.byCode.get(code);
  if (entry === undefined) throw new RangeError(`'${code}' is not in code list '${list.id}'`);
  return entry.label;
}

/** The code's label in `language` (English when `en`). */
export function labelIn<Code extends string>(list: CodeList<Code>, code: Code, language: CodeLabelLanguage): string {
  const entry = list.byCode.get(code);
  if (entry === undefined) throw new RangeError(`'${code}' is not in code list '${list.id}'`);
  return language === 'en' ? entry.label : entry.labels[language];
}
