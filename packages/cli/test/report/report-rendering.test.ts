import { excerptsAround, pageFindings } from '@citebots/sdk';
import { describe, expect, it } from 'vitest';
import { csvField } from '../../src/report/csv-report.js';
import { escapeHtml, safeHref } from '../../src/report/escape-html.js';
import { highlight, link } from '../../src/report/html-helpers.js';

describe('escaping model text', () => {
  it('escapes markup and quotes, and highlights the client without letting markup through', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&\``)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;',
    );
    expect(highlight('<b>acme mail</b> beats Acme Mail', ['Acme Mail'])).toBe(
      '&lt;b&gt;<mark>acme mail</mark>&lt;/b&gt; beats <mark>Acme Mail</mark>',
    );
    expect(highlight('a (b) [c]', ['(b)'])).toBe('a <mark>(b)</mark> [c]');
  });

  it('links only http(s) URLs', () => {
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>')).toBeNull();
    expect(link('javascript:alert(1)')).not.toContain('href');
    expect(link('https://acmemail.com/a?b=1&c="2"')).toContain(
      'href="https://acmemail.com/a?b=1&amp;c=%222%22"',
    );
  });

  it('defuses spreadsheet formulas and quotes CSV fields', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField(-1)).toBe('-1');
    expect(csvField('a,b\nc')).toBe('"a,b\nc"');
    expect(csvField(null)).toBe('');
  });
});

describe('answer excerpts', () => {
  it('gives the text around each mention, merging close mentions, cut at word boundaries', () => {
    const text = `${'word '.repeat(60)}Acme Mail is great and Acme Mail is cheap. ${'tail '.repeat(60)}Acme Mail again.`;
    const offsets = [...text.matchAll(/Acme Mail/g)].map((m) => m.index!);
    const ex = excerptsAround(text, offsets, 60);
    expect(ex).toHaveLength(2);
    expect(ex[0]).toMatch(/^…word .*Acme Mail is great and Acme Mail is cheap\. .*tail…$/);
    expect(ex[1]).toMatch(/Acme Mail again\.$/);
  });
});

describe('page findings', () => {
  const base = {
    citation_url: 'https://x.com/a',
    final_url: null,
    domain_name: 'x.com',
    page_title: null,
    is_client_domain: false,
    is_competitor_domain: false,
    http_status: 200,
    word_count: 120,
    content_quality_score: null,
    relevance_score: null,
    published_at: null,
    modified_at: '2020-01-01T00:00:00Z',
    crawl_error: null,
    technical_seo: { indexable: false, robots: { noindex: true }, structuredData: { types: [] } },
    on_page_seo: JSON.stringify({ metaDescription: '', h1: ['a', 'b'] }),
  };

  it('turns stored SEO facts into plain findings, tolerant of jsonb given as text', () => {
    expect(pageFindings(base, new Date('2026-11-29T00:00:00Z'))).toEqual([
      'Not indexable (noindex)',
      'No structured data',
      'No meta description',
      '2 H1 headings',
      'Thin content (120 words)',
      'Not updated for 6 years',
    ]);
    expect(pageFindings({ ...base, crawl_error: 'timeout: 15 s' })).toEqual([
      'Could not be analysed: timeout: 15 s',
    ]);
    expect(
      pageFindings({ ...base, technical_seo: null, on_page_seo: null, word_count: null, modified_at: null }),
    ).toEqual(['No publication or update date']);
  });
});
