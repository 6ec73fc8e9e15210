import { describe, expect, it } from 'vitest';
import { catalogueKeys, LANGUAGES, preferredLanguage, translator } from './languages.ts';

describe('portal languages', () => {
  it('has every message of the Italian catalogue in every language, and no other', () => {
    const italian = catalogueKeys('it');
    expect(italian.length).toBeGreaterThan(100);
    for (const { code } of LANGUAGES) expect(catalogueKeys(code), code).toEqual(italian);
  });

  it('offers the languages the province needs, Arabic and Urdu right to left', () => {
    const codes = LANGUAGES.map((language) => language.code);
    expect(codes[0]).toBe('it');
    // the list, then the province's communities (shared/domain/territory.md §4)
    for (const code of ['en', 'fr', 'ar', 'sq', 'es', 'uk', 'zh', 'ro', 'ru', 'pa', 'hi', 'ur', 'bn'])
      expect(codes).toContain(code);
    for (const language of LANGUAGES)
      expect(language.dir, language.code).toBe(['ar', 'ur'].includes(language.code) ? 'rtl' : 'ltr');
  });

  it('reads the browser’s preferences by weight, the cookie first', () => {
    expect(preferredLanguage(undefined, 'de-DE,fr;q=0.8,en;q=0.9')).toBe('en');
    expect(preferredLanguage('uk', 'en')).toBe('uk');
    expect(preferredLanguage('xx', 'de')).toBe('it');
    expect(preferredLanguage(undefined, 'ar;q=0, es;q=0.1')).toBe('es');
  });

  it('fills values into messages', () => {
    expect(
      translator('en')('provenance.validatedBy', {
        name: 'Ann Lee',
        role: 'language mediator',
        date: '3 March 2026',
      }),
    ).toBe('Checked by Ann Lee (language mediator) on 3 March 2026');
  });
});
