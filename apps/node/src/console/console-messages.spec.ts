import { describe, expect, it } from '@jest/globals';
import {
  CONSOLE_LANGUAGES,
  CONSOLE_MESSAGES,
  OVERLAPPING_MESSAGE_KEYS,
  negotiateLanguage,
  translator,
  type MessageKey,
} from './console-messages.js';

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('console messages', () => {
  it('has every text in every language, none empty, with the same placeholders as the English one', () => {
    const keys = Object.keys(CONSOLE_MESSAGES.en) as MessageKey[];
    for (const language of CONSOLE_LANGUAGES) {
      expect(Object.keys(CONSOLE_MESSAGES[language]).sort()).toEqual([...keys].sort());
      for (const key of keys) {
        const text = CONSOLE_MESSAGES[language][key];
        expect({ language, key, empty: text.trim() === '' }).toEqual({ language, key, empty: false });
        expect({ language, key, placeholders: placeholdersOf(text) }).toEqual({
          language,
          key,
          placeholders: placeholdersOf(CONSOLE_MESSAGES.en[key]),
        });
      }
    }
  });

  it('defines each key in one part of the messages only', () => {
    expect(OVERLAPPING_MESSAGE_KEYS).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translator('de')('return.title', { period: '2026-Q1' })).toBe('Meldung für 2026-Q1');
    expect(translator('en')('return.title')).toBe('Return for {period}');
  });

  it('takes an explicit choice first, then the browser by quality, then English', () => {
    expect(negotiateLanguage('de', 'fr-FR,fr;q=0.9')).toBe('de');
    expect(negotiateLanguage(undefined, 'fr-CH, fr;q=0.9, en;q=0.8')).toBe('fr');
    expect(negotiateLanguage(undefined, 'es;q=1, de;q=0.5, fr;q=0.7')).toBe('fr');
    expect(negotiateLanguage(undefined, 'fr;q=0, de')).toBe('de');
    expect(negotiateLanguage('xx', 'pt-BR')).toBe('en');
    expect(negotiateLanguage(undefined, undefined)).toBe('en');
  });
});
