import { describe, expect, it } from 'vitest';
import { attributeCitations, isBrandedQuery, splitSentences } from '../../src/analysis/index.js';
import { findMarkdownLinks } from '../../src/analysis/text-spans.js';

describe('isBrandedQuery (remembered per query and client)', () => {
  it('answers for the client it is given, each time', () => {
    const brevo = { name: 'Brevo', domain: 'brevo.com', aliases: [] };
    const knak = { name: 'Knak', domain: 'knak.com', aliases: [] };
    for (let i = 0; i < 2; i++) {
      expect(isBrandedQuery('Brevo login page', brevo)).toBe(true);
      expect(isBrandedQuery('Brevo login page', knak)).toBe(false);
      expect(isBrandedQuery('Brevo login page', { ...knak, aliases: ['Brevo'] })).toBe(true);
      expect(isBrandedQuery('is knak.com any good', knak)).toBe(true);
      expect(isBrandedQuery('best email tools', brevo)).toBe(false);
    }
  });
});

describe('attributeCitations with the links given', () => {
  it('gives what it finds itself', () => {
    const text =
      'Brevo is cheap ([brevo.com](https://brevo.com/p?utm_source=openai)). See [Knak](https://www.knak.com/a/) too.[1]';
    const citations = [
      {
        url: 'https://brevo.com/p',
        title: null,
        snippet: null,
        position: 1,
        startIndex: null,
        endIndex: null,
      },
    ];
    const sentences = splitSentences(text);
    expect(attributeCitations(text, sentences, citations, findMarkdownLinks(text))).toEqual(
      attributeCitations(text, sentences, citations),
    );
  });
});
