import { describe, expect, it } from 'vitest';
import { findMentions, mentionPattern } from '../src/analysis/mentions.js';
import { analyzeHtml, isSameSite, registrableDomain } from '../src/index.js';
import { KNAK } from './helpers.js';

describe('isSameSite (registrable domain, never a substring test)', () => {
  it.each([
    ['https://knak.com/pricing', 'knak.com', true],
    ['https://www.knak.com/', 'knak.com', true],
    ['https://blog.knak.com/post', 'knak.com', true],
    ['https://BLOG.KNAK.COM./post', 'knak.com', true],
    ['https://knak.com.evil.net/', 'knak.com', false],
    ['https://evil-knak.com/', 'knak.com', false],
    ['https://knak.co.uk/', 'knak.com', false],
    ['https://notknak.com/', 'knak.com', false],
    ['https://shop.example.co.uk/a', 'example.co.uk', true],
    ['https://alice.github.io/x', 'bob.github.io', false], // private suffixes count
    ['https://www.example.com/', 'shop.example.com', false],
    ['https://eu.shop.example.com/', 'shop.example.com', true],
    ['https://knak.com/', null, false],
  ])('%s on %s → %s', (url, domain, expected) => {
    expect(isSameSite(url, domain)).toBe(expected);
  });

  it('reads registrable domains with the public suffix list', () => {
    expect(registrableDomain('a.b.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('https://knak.com.evil.net/x')).toBe('evil.net');
  });
});

describe('mentions', () => {
  it('match whole words only, case-insensitively, in any script', () => {
    const text = 'Knak, KNAK and knak’s editor; not Knakworst nor reknak. (Knak) Knak.com';
    expect(findMentions('Knak', [], text, null).count).toBe(5);
    expect(findMentions('Müller', [], 'MÜLLER und müller, nicht Müllerei', null).count).toBe(2);
    expect(findMentions('東京', [], '東京タワー と 東京', null).count).toBe(1);
    expect(
      findMentions('Salesforce Marketing Cloud', [], 'the salesforce\nmarketing  cloud app', null).count,
    ).toBe(1);
  });

  it('counts aliases, reports the title and keeps short context snippets', () => {
    const result = findMentions(
      'Knak',
      ['Knak Inc.'],
      `${'x '.repeat(100)}Knak Inc. launched a builder. ${'y '.repeat(100)}`,
      'Why knak wins',
    );
    expect(result.count).toBe(1);
    expect(result.inTitle).toBe(true);
    expect(result.contexts[0]).toMatch(/^….*Knak Inc\. launched.*…$/);
    expect(result.contexts[0]!.length).toBeLessThan(200);
  });

  it('escape regex characters in names', () => {
    expect(mentionPattern(['C++ (beta)'])!.test('we use C++ (beta) daily')).toBe(true);
    expect(mentionPattern(['  '])).toBeNull();
  });
});

describe('client and competitor domains in analyzeHtml', () => {
  it('flags the client domain and a competitor domain by the page URL', () => {
    const html = '<title>Pricing</title><p>Pricing for teams.</p>';
    const own = analyzeHtml(html, { url: 'https://blog.knak.com/pricing', client: KNAK });
    expect(own.brand).toMatchObject({ isClientDomain: true, isCompetitorDomain: false });
    expect(own.brand.mentionTypes).toEqual(['client_domain']);
    const lookalike = analyzeHtml(html, { url: 'https://knak.com.evil.net/pricing', client: KNAK });
    expect(lookalike.brand.isClientDomain).toBe(false);
    const rival = analyzeHtml(html, { url: 'https://app.dyspatch.io/', client: KNAK });
    expect(rival.brand).toMatchObject({ isCompetitorDomain: true, competitorDomainOf: 'Dyspatch' });
  });
});
