import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages.ts';
import { MAX_WORDS, readQuery, searchConfiguration, snippetParts, tsQuery } from './rules.ts';

describe('the words of a search', () => {
  it('keeps letters, their marks and digits of every script, once each, lower-cased', () => {
    expect(readQuery('  Permesso di  SOGGIORNO, permesso! ')).toEqual({
      kind: 'words',
      text: 'Permesso di SOGGIORNO, permesso!',
      words: ['permesso', 'di', 'soggiorno'],
    });
    expect(readQuery('لمّ شمل')).toMatchObject({ words: ['لمّ', 'شمل'] });
    expect(readQuery('परिवार पुनर्मिलन')).toMatchObject({ words: ['परिवार', 'पुनर्मिलन'] });
    expect(readQuery("d'Adda 2026")).toMatchObject({ words: ['d', 'adda', '2026'] });
  });

  it('takes an empty or punctuation-only query as no query, and refuses one over 100 characters', () => {
    for (const raw of [undefined, '', '   ', '?!*:&|'] as const)
      expect(readQuery(raw)).toEqual({ kind: 'empty' });
    expect(readQuery('a'.repeat(100)).kind).toBe('words');
    expect(readQuery('a'.repeat(101))).toEqual({ kind: 'tooLong', text: 'a'.repeat(100) });
  });

  it('looks for at most 8 words, each also as the start of a longer word, with nothing left to escape', () => {
    const query = readQuery('uno due tre quattro cinque sei sette otto nove dieci');
    expect(query.kind === 'words' && query.words).toHaveLength(MAX_WORDS);
    expect(tsQuery(['ricongiung', 'familiare'])).toBe("'ricongiung':* & 'familiare':*");
    expect(readQuery("it's a 'quote' \\ & !")).toMatchObject({ words: ['it', 's', 'a', 'quote'] });
  });

  it('uses the stemming configuration of the language where there is one, simple otherwise', () => {
    expect(searchConfiguration('it')).toBe('italian');
    expect(searchConfiguration('ar')).toBe('arabic');
    expect(searchConfiguration('uk')).toBe('simple');
    expect(searchConfiguration('zh')).toBe('simple');
    for (const language of LANGUAGES) expect(searchConfiguration(language.code)).toMatch(/^[a-z]+$/);
  });

  it('cuts a snippet into text and marked words, without the list marks of the sheets', () => {
    expect(
      snippetParts('Il \u0002permesso\u0003 scade.\n- Chiedere il \u0002permesso\u0003\n2. poi'),
    ).toEqual([
      { text: 'Il ', match: false },
      { text: 'permesso', match: true },
      { text: ' scade. Chiedere il ', match: false },
      { text: 'permesso', match: true },
      { text: ' poi', match: false },
    ]);
  });
});
