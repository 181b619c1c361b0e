import { describe, expect, it } from 'vitest';
import { formatQueryRows } from '../src/services/format-run.js';
import { citedDomains, type QueryResultRow } from '../src/services/run-results.js';

const cite = (url: string, position: number) => ({ url, position, title: null, snippet: null });

describe('citedDomains', () => {
  it('lists distinct domains in citation order, drops www. and marks the client domain and its subdomains', () => {
    const domains = citedDomains(
      [
        cite('https://www.g2.com/categories/email', 2),
        cite('https://blog.knak.com/post', 1),
        cite('https://g2.com/other', 3),
        cite('https://knak.com.evil.net/', 4),
        cite('not a url at all', 5),
      ],
      'knak.com',
    );
    expect(domains).toEqual([
      { domain: 'blog.knak.com', own: true },
      { domain: 'g2.com', own: false },
      { domain: 'knak.com.evil.net', own: false },
    ]);
  });
});

describe('formatQueryRows', () => {
  const row = (over: Partial<QueryResultRow>): QueryResultRow => ({
    queryId: 'q1',
    query: 'Best email builder?',
    platform: 'perplexity',
    status: 'completed',
    attempts: 1,
    brandMentioned: true,
    brandRank: 2,
    brandListRank: 3,
    competitorsMentioned: [],
    citedDomains: [
      { domain: 'knak.com', own: true },
      { domain: 'g2.com', own: false },
    ],
    costUsd: 0.005,
    error: null,
    ...over,
  });

  it('shows rank, list rank, the own domain starred, cited-only and failed rows', () => {
    const text = formatQueryRows(
      [
        row({}),
        row({ queryId: 'q2', query: 'Cited only?', brandRank: null, brandListRank: null }),
        row({ queryId: 'q3', query: 'Absent?', brandMentioned: false, brandRank: null, citedDomains: [] }),
        row({ queryId: 'q4', query: 'Broken?', status: 'failed', brandMentioned: null, error: 'HTTP 400' }),
      ],
      false,
    );
    const lines = text.split('\n');
    expect(lines[1]).toMatch(
      /^Best email builder\?\s+named #2 of tracked brands, list #3\s+\* knak\.com, g2\.com$/,
    );
    expect(lines[2]).toMatch(/^Cited only\?\s+cited only \(not named\)/);
    expect(lines[3]).toMatch(/^Absent\?\s+not mentioned\s+\(no citations\)$/);
    expect(lines[4]).toMatch(/^Broken\?\s+failed\s+HTTP 400$/);
  });
});
