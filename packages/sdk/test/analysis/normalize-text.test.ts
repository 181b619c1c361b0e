import { describe, expect, it } from 'vitest';
import { matchingText } from '../../src/analysis/normalize-text.js';
import { sentenceWords } from '../../src/analysis/sentences.js';

/** matchingText as it was written first: three replacements, then a fold of every non-ASCII character. */
function referenceMatchingText(nfcText: string): string {
  const punct = nfcText
    .replace(/[\u2018\u2019\u201A\u201B\u02BC\u02BB\u2032\u0060\u00B4\uFF07]/g, "'")
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[\u00A0\u2007\u202F\u2009\u200A\u2002\u2003]/g, ' ');
  let out = '';
  for (const ch of punct) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else {
      const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
      out += base.length === ch.length ? base : ch;
    }
  }
  return out;
}

function referenceSentenceWords(text: string): string[] {
  const stripped = text
    .replace(/\(\[[^\]\n]*\]\([^)\s]*\)\)/g, ' ')
    .replace(/\[\d{1,3}\]\([^)\s]*\)/g, ' ')
    .replace(/\]\([^)\s]*\)/g, ']')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\[\d{1,3}\]/g, ' ');
  return stripped.match(/[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu)?.filter((w) => /[\p{L}\p{N}]/u.test(w)) ?? [];
}

const PIECES = [
  'Brevo',
  'Société Générale',
  'naïve café',
  'Brevo’s',
  'it‘s',
  '`code`',
  'a–b—c',
  '\u00A0',
  '\u2009',
  'Ｉｎｉｔｅｃｈ',
  'ſ',
  'K',
  '😀',
  '\uD800',
  'e\u0301',
  'Ωmega',
  'Zürich',
  'ﬁ',
  '[1]',
  '[2](https://x.example/a)',
  '([x.example](https://x.example/b?utm_source=openai))',
  '[label](https://y.example)',
  'https://z.example/path',
  ' ',
  '\n',
  '.',
];

describe('matchingText and sentenceWords fast paths', () => {
  it('give what the plain versions give', () => {
    let seed = 5;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    for (let i = 0; i < 1000; i++) {
      let text = '';
      for (let j = next(12); j >= 0; j--) text += PIECES[next(PIECES.length)] + (next(2) ? ' ' : '');
      const nfc = text.normalize('NFC');
      expect(matchingText(nfc), nfc).toBe(referenceMatchingText(nfc));
      expect(matchingText(nfc).length).toBe(nfc.length);
      expect(sentenceWords(text), text).toEqual(referenceSentenceWords(text));
    }
  });
});
