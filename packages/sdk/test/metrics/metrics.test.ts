import { describe, expect, it } from 'vitest';
import { analyzeAnswer } from '../../src/analysis/index.js';
import type { Citation } from '../../src/contract/platform-result.js';
import {
  computeMetrics,
  meanStat,
  positionAdjustedWordCount,
  wilsonInterval,
  wilsonRate,
} from '../../src/metrics/index.js';
import type { ClientProfile } from '../../src/schemas/client-profile.js';

const client: ClientProfile = {
  name: 'Brevo',
  domain: 'brevo.com',
  aliases: [],
  competitors: [
    { name: 'Mailchimp', domain: 'mailchimp.com', aliases: [] },
    { name: 'Klaviyo', domain: 'klaviyo.com', aliases: [] },
  ],
  keywords: [],
};

const cites = (...urls: string[]): Citation[] =>
  urls.map((url, i) => ({ url, title: null, snippet: null, position: i + 1 }));
const row = (
  platform: string,
  query: string,
  answer: string,
  citations: Citation[] = [],
  category: string | null = null,
) => ({
  platform,
  category,
  analysis: analyzeAnswer({ query: { id: query, text: query }, answer, citations }, client),
});

describe('Wilson score interval', () => {
  it.each([
    [8, 10, 0.4902, 0.9433],
    [0, 10, 0, 0.2775],
    [50, 100, 0.4038, 0.5962],
    [1, 1, 0.2065, 1],
  ])('%i of %i → [%f, %f]', (k, n, lower, upper) => {
    const ci = wilsonInterval(k, n)!;
    expect(ci.lower).toBeCloseTo(lower, 4);
    expect(ci.upper).toBeCloseTo(upper, 4);
  });

  it('has no interval without a sample', () => {
    expect(wilsonRate(0, 0)).toEqual({ value: null, successes: 0, n: 0, ci: null });
    expect(meanStat([])).toEqual({ mean: null, n: 0, ci: null });
    expect(meanStat([1, 3])).toMatchObject({ mean: 2, n: 2 });
  });
});

describe('position-adjusted word count (GEO)', () => {
  it('weights citing sentences by exp(-pos/|S|) and splits co-cited words evenly', () => {
    // 3 sentences, 12 words. A: sentence 0 (4 words) + half of sentence 1 (2 words); B: the other half.
    const r = positionAdjustedWordCount([
      { text: 'Alpha beta gamma delta.', cites: ['A'] },
      { text: 'One two.', cites: ['A', 'B'] },
      { text: 'Six seven eight nine ten eleven.', cites: [] },
    ]);
    expect(r.totalWords).toBe(12);
    expect(r.pawc.A).toBeCloseTo((4 + Math.exp(-1 / 3)) / 12, 9);
    expect(r.pawc.B).toBeCloseTo(Math.exp(-1 / 3) / 12, 9);
    expect(r.wordCount.A).toBeCloseTo(5 / 12, 9);
    expect(r.wordCount.B).toBeCloseTo(1 / 12, 9);
  });

  it('attributes sentences to sources through [n] markers in an answer', () => {
    const a = analyzeAnswer(
      {
        query: { id: 'q', text: 'email tools' },
        answer: 'Brevo sends email cheaply [1]. Mailchimp is easy [2]. Both work.',
        citations: cites('https://www.brevo.com/pricing', 'https://mailchimp.com/'),
      },
      client,
    );
    // 3 sentences: 4, 3 and 2 words (markers excluded); Brevo cites sentence 0 only.
    expect(a.brand.pawc).toBeCloseTo(4 / 9, 5);
    expect(a.competitors[0]!.pawc).toBeCloseTo((3 * Math.exp(-1 / 3)) / 9, 5);
  });
});

describe('citation attribution for PAWC', () => {
  it('uses inline markdown links (ChatGPT) and citation offsets (Gemini)', () => {
    const links = analyzeAnswer(
      {
        query: { id: 'q', text: 'email tools' },
        answer:
          'Brevo is cheap for large lists. ([brevo.com](https://www.brevo.com/pricing?utm_source=openai)) Mailchimp is easy.',
        citations: cites('https://www.brevo.com/pricing?utm_source=openai'),
      },
      client,
    );
    // Sentence 0 (6 words; the citation itself is not counted) cites Brevo; sentence 1 has 3 words.
    expect(links.brand.pawc).toBeCloseTo(6 / 9, 5);
    const text = 'Brevo is cheap. Mailchimp is easy to learn.';
    const offsets = analyzeAnswer(
      {
        query: { id: 'q', text: 'email tools' },
        answer: text,
        citations: [
          {
            url: 'https://mailchimp.com/',
            title: null,
            snippet: null,
            position: 1,
            startIndex: 16,
            endIndex: text.length,
          },
        ],
      },
      client,
    );
    expect(offsets.brand.pawc).toBe(0);
    expect(offsets.competitors[0]!.pawc).toBeCloseTo((5 * Math.exp(-1 / 2)) / 8, 5);
  });
});

describe('computeMetrics', () => {
  const rows = [
    row(
      'perplexity',
      'best email tools',
      'Brevo, Brevo, Brevo, Brevo and Brevo. Also Mailchimp.',
      cites('https://brevo.com/a', 'https://g2.com/x'),
      'recommendation',
    ),
    row(
      'perplexity',
      'email tools for shops',
      'Mailchimp is popular.',
      cites('https://mailchimp.com/', 'https://g2.com/y'),
      'recommendation',
    ),
    row('chatgpt', 'cheap email software', 'Brevo is cheap.', [], 'pricing'),
    row('chatgpt', 'newsletter advice', 'Write short subject lines.', [], 'pricing'),
    row('chatgpt', 'is Brevo good', 'Brevo is great.', cites('https://brevo.com/b'), 'branded'),
  ];
  const m = computeMetrics(rows);

  it('keeps branded queries apart', () => {
    expect(m.overall.nonBranded.answers).toBe(4);
    expect(m.overall.branded.answers).toBe(1);
    expect(m.overall.branded.visibility.value).toBe(1);
  });

  it('computes visibility with n and a Wilson interval', () => {
    expect(m.overall.nonBranded.visibility).toEqual(wilsonRate(2, 4));
  });

  it('gives a brand one share-of-voice credit per answer', () => {
    const sov = m.overall.nonBranded.brands;
    expect(sov.find((b) => b.name === 'Brevo')!.shareOfVoice).toMatchObject({
      successes: 2,
      n: 4,
      value: 0.5,
    });
    expect(sov.find((b) => b.name === 'Mailchimp')!.shareOfVoice).toMatchObject({
      successes: 2,
      n: 4,
      value: 0.5,
    });
    expect(sov.find((b) => b.name === 'Klaviyo')!.shareOfVoice.successes).toBe(0);
    expect(m.overall.nonBranded.shareOfVoice.value).toBe(0.5);
  });

  it('computes citation share and top cited domains with the client marked', () => {
    expect(m.overall.nonBranded.citationShare).toMatchObject({ successes: 1, n: 4 });
    const top = m.overall.nonBranded.topCitedDomains;
    expect(top[0]).toMatchObject({ domain: 'g2.com', citations: 2, isClient: false });
    expect(top.find((d) => d.domain === 'brevo.com')).toMatchObject({ isClient: true, citations: 1 });
    expect(top.find((d) => d.domain === 'mailchimp.com')).toMatchObject({ competitor: 'Mailchimp' });
  });

  it('averages first-mention position over answers naming the client', () => {
    expect(m.overall.nonBranded.averagePosition).toMatchObject({ mean: 1, n: 2 });
  });

  it('groups by platform and by category', () => {
    expect(Object.keys(m.byPlatform)).toEqual(['chatgpt', 'perplexity']);
    expect(m.byPlatform.perplexity!.nonBranded.visibility).toMatchObject({ successes: 1, n: 2 });
    expect(Object.keys(m.byCategory)).toEqual(['branded', 'pricing', 'recommendation']);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
  });
});
