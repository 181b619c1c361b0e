import { describe, expect, it } from 'vitest';
import { analyzeAnswer, hostMatchesDomain, registrableDomain } from '../../src/analysis/index.js';
import type { ClientProfile } from '../../src/schemas/client-profile.js';

const client: ClientProfile = {
  name: 'Brevo',
  domain: 'brevo.com',
  aliases: ['Sendinblue'],
  competitors: [{ name: 'Knak', domain: 'knak.com', aliases: [] }],
  keywords: [],
};

function mentions(answer: string, citations: string[] = []) {
  const a = analyzeAnswer(
    {
      query: { id: 'q', text: 'q' },
      answer,
      citations: citations.map((url, i) => ({ url, title: null, snippet: null, position: i + 1 })),
    },
    client,
  );
  return { brevo: a.brand, knak: a.competitors[0]! };
}

describe('brand mention matching', () => {
  it.each([
    ["Brevo's editor", 1],
    ['Brevo’s editor', 1],
    ['BREVO and brevo', 2],
    ['see brevo.com.', 1],
    ['Sendinblue, now Brevo', 2],
    ['Brevo-powered forms', 1],
    ['(Brevo)', 1],
    ['Brevotech and subrevo are other words', 0],
    ['mail at hello.brevo.com', 1],
  ])('%s → %i mention(s) of Brevo', (text, count) => {
    expect(mentions(text).brevo.mentionCount).toBe(count);
  });

  it('does not match a brand inside a longer word or a look-alike host', () => {
    const { knak } = mentions(
      'Knakworst is a sausage; knak.com.evil.net and notknak.com are not Knak sites.',
    );
    expect(knak.mentionCount).toBe(1);
    expect(knak.firstMentionOffset).toBe(
      'Knakworst is a sausage; knak.com.evil.net and notknak.com are not '.length,
    );
  });

  it('matches domains by suffix on a label boundary, using the registrable domain', () => {
    expect(hostMatchesDomain('blog.knak.com', 'knak.com')).toBe(true);
    expect(hostMatchesDomain('knak.com.evil.net', 'knak.com')).toBe(false);
    expect(hostMatchesDomain('notknak.com', 'knak.com')).toBe(false);
    expect(registrableDomain('https://blog.knak.co.uk/x')).toBe('knak.co.uk');
  });

  it('reports citation-only mentions and citation positions', () => {
    const { brevo, knak } = mentions('Deliverability depends on authentication[1].', [
      'https://example.org/a',
      'https://blog.brevo.com/deliverability?utm_source=openai',
      'https://knak.com.evil.net/',
    ]);
    expect(brevo).toMatchObject({
      mentioned: true,
      mentionCount: 0,
      mentionType: 'citation',
      citationPosition: 2,
      rank: null,
    });
    expect(knak.mentioned).toBe(false);
  });

  it('reads a parenthesised domain link as a citation, and a domain link in prose as a mention', () => {
    const cited = mentions('Cheap plans. ([brevo.com](https://www.brevo.com/pricing?utm_source=openai))');
    expect(cited.brevo).toMatchObject({ mentionCount: 0, mentionType: 'citation', citationCount: 1 });
    const prose = mentions('Sign up at [brevo.com](https://www.brevo.com/signup) today.');
    expect(prose.brevo).toMatchObject({ mentionCount: 1, mentionType: 'both' });
    const labelled = mentions('Read [this guide](https://knak.com/blog/guide) first.');
    expect(labelled.knak).toMatchObject({ mentionCount: 0, mentionType: 'citation', citationPosition: null });
  });

  it('keeps offsets into the answer when apostrophes and accents are normalised', () => {
    const text = 'Café’s pick: Brevo’s plan';
    expect(mentions(text).brevo.firstMentionOffset).toBe(text.indexOf('Brevo'));
  });
});
