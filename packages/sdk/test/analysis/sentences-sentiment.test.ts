import { describe, expect, it } from 'vitest';
import { analyzeAnswer, splitSentences } from '../../src/analysis/index.js';
import { scoreClause } from '../../src/analysis/sentiment.js';
import type { ClientProfile } from '../../src/schemas/client-profile.js';

const client: ClientProfile = {
  name: 'Brevo',
  domain: 'brevo.com',
  aliases: [],
  competitors: [{ name: 'Mailchimp', domain: 'mailchimp.com', aliases: [] }],
  keywords: [],
};
const analyze = (answer: string) =>
  analyzeAnswer({ query: { id: 'q', text: 'email tools' }, answer, citations: [] }, client);

describe('sentences', () => {
  it('keeps trailing citation markers and inline citations with their sentence', () => {
    const text =
      'Brevo is cheap.[1][2] Mailchimp is easy. ([mailchimp.com](https://mailchimp.com/?utm_source=openai)) Use brevo.com today.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Brevo is cheap.[1][2]',
      'Mailchimp is easy. ([mailchimp.com](https://mailchimp.com/?utm_source=openai))',
      'Use brevo.com today.',
    ]);
  });
});

describe('sentiment toward the brand', () => {
  it('scores clauses with a lexicon and negation', () => {
    expect(scoreClause('great and reliable').score).toBe(1);
    expect(scoreClause('not reliable').score).toBe(-1);
    expect(scoreClause('a tool for email').hits).toBe(0);
  });

  it('reads only the clauses about the brand', () => {
    const a = analyze('Brevo is affordable and reliable, but Mailchimp is expensive and clunky.');
    expect(a.sentiment.label).toBe('positive');
    expect(a.competitors[0]!.sentimentLabel).toBe('negative');
  });

  it('labels negative answers and sets positioning', () => {
    const a = analyze('Mailchimp is the usual pick. Brevo is limited, confusing and has hidden fees.');
    expect(a.sentiment.label).toBe('negative');
    expect(a.sentiment.score).toBeLessThan(0);
    expect(a.positioning).toBe('weak');
    expect(analyze('Brevo is the best choice for small teams.').positioning).toBe('strong');
    expect(analyze('Nothing here.').positioning).toBeNull();
  });

  it('is neutral when the sentences naming the brand hold no opinion words', () => {
    expect(analyze('Brevo was founded in Paris.').sentiment).toMatchObject({ score: 0, label: 'neutral' });
  });
});
