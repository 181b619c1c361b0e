import { describe, expect, it } from 'vitest';
import { analyzeHtml } from '../src/index.js';
import { fixture, KNAK } from './helpers.js';

const NOW = new Date('2026-11-01T00:00:00Z');

describe('analyzeHtml on a blog article with JSON-LD', () => {
  const a = analyzeHtml(fixture('blog-article.html'), {
    url: 'https://mailcraft.example/blog/email-builders',
    client: KNAK,
    query: 'best email template builder for Marketo',
    headers: { 'content-type': 'text/html; charset=utf-8', 'x-robots-tag': 'max-snippet:50' },
    status: 200,
    now: NOW,
  });

  it('reads the technical SEO signals', () => {
    const t = a.technicalSeo;
    expect(t.status).toBe(200);
    expect(t.https).toBe(true);
    expect(t.canonical.url).toBe('https://mailcraft.example/blog/email-builders?utm_source=feed');
    expect(t.robots).toMatchObject({ noindex: false, xRobotsTag: 'max-snippet:50' });
    expect(t.indexable).toBe(true);
    expect(t.hreflang.map((h) => h.lang)).toEqual(['en', 'de']);
    expect(t.structuredData.types).toEqual(expect.arrayContaining(['Organization', 'BlogPosting', 'Person']));
    expect(t.structuredData.jsonLdErrors).toBe(0);
    expect(t.openGraph).toMatchObject({ title: 'Email Template Builders Compared', locale: 'en_US' });
    expect(t.twitterCard.card).toBe('summary_large_image');
    expect(t.language).toMatchObject({ value: 'en-US', source: 'html lang', ogLocale: 'en_US' });
  });

  it('reads the on-page signals from the main content only', () => {
    const o = a.onPageSeo;
    expect(o.title).toBe('Email Template Builders Compared: Knak vs Stensul | Mailcraft Blog');
    expect(o.titleSource).toBe('title tag');
    expect(o.articleTitle).toBe('Email Template Builders Compared: Knak vs Stensul');
    expect(o.metaDescription).toMatch(/^How marketing teams/);
    expect(o.h1).toEqual(['Email Template Builders Compared: Knak vs Stensul']);
    expect(o.headingCounts).toMatchObject({ h1: 1, h2: 2, h3: 1 });
    expect(o.outline[1]).toEqual({ level: 2, text: 'Why teams move to a template builder' });
    expect(o.wordCountSource).toBe('main');
    expect(o.wordCount).toBeGreaterThan(150);
    expect(o.wordCount).toBeLessThan(260);
    expect(o.links.external).toBe(4); // research, knak, stensul, twitter (footer)
    expect(o.links.internal).toBe(5);
    expect(o.links.nofollow).toBe(1);
    expect(o.images).toMatchObject({ total: 3, withAlt: 1, emptyAlt: 1, missingAlt: 1 });
    expect(o.images.altCoverage).toBeCloseTo(0.67, 2);
  });

  it('measures content quality, freshness and the GEO levers', () => {
    const q = a.contentQuality;
    expect(q.published).toMatchObject({ iso: '2026-03-01T09:30:00.000Z', source: 'json-ld datePublished' });
    expect(q.modified?.iso).toBe('2026-10-15T12:00:00.000Z');
    expect(q.ageDays).toBe(16); // from dateModified, the newer date
    expect(q.lists).toBe(1);
    expect(q.tables).toBe(1);
    expect(q.statistics.count).toBe(3);
    expect(q.statistics.examples).toEqual(['64%', '3.5 hours', '$20,000']);
    expect(q.quotations.blockquotes).toBe(1);
    expect(q.quotations.inlineQuotes).toBe(1);
    expect(q.quotations.quotedSentences).toBeGreaterThanOrEqual(1);
    expect(q.citedSources).toBe(3);
    expect(q.faq.present).toBe(false);
    expect(q.readability.fleschReadingEase).toBeGreaterThan(0);
    expect(q.readability.fleschReadingEase).toBeLessThan(80);
    const parts = Object.values(q.scoreParts).reduce((x, y) => x + y, 0);
    expect(q.score).toBe(Math.round(parts));
    expect(a.contentQualityScore).toBe(q.score);
    expect(q.score).toBeGreaterThan(50);
  });

  it('counts brand and competitor mentions in the content, not in scripts or navigation', () => {
    expect(a.brand.brand).toMatchObject({ name: 'Knak', inTitle: true });
    // h1, "Knak lets", table header, "Knak features" link text: header/aside/script are excluded
    expect(a.brand.brand?.count).toBe(4);
    expect(a.brand.brand?.contexts[0]).toContain('Knak');
    const stensul = a.brand.competitors.find((c) => c.name === 'Stensul');
    expect(stensul).toMatchObject({ count: 4, inTitle: true });
    expect(a.brand.competitors.find((c) => c.name === 'Dyspatch')?.count).toBe(0);
    expect(a.brand.isClientDomain).toBe(false);
    expect(a.brand.mentionTypes).toEqual([
      'brand_in_title',
      'brand_mention',
      'competitor_mention',
      'comparison',
    ]);
  });

  it('scores relevance to the query between 0 and 1', () => {
    expect(a.relevance?.terms).toEqual(['email', 'template', 'builder', 'marketo']);
    expect(a.relevance?.matchedTerms).toEqual(['email', 'template', 'builder', 'marketo']);
    const unrelated = analyzeHtml(fixture('blog-article.html'), { query: 'sourdough bread hydration' });
    expect(unrelated.relevanceScore).toBe(0);
    expect(a.relevanceScore).toBeGreaterThan(0.5);
    expect(a.relevanceScore).toBeLessThanOrEqual(1);
  });
});

describe('analyzeHtml on other kinds of page', () => {
  it('finds FAQ blocks in JSON-LD, details/summary and question headings', () => {
    const a = analyzeHtml(fixture('faq-page.html'), { url: 'https://help.example/faq', now: new Date() });
    expect(a.contentQuality.faq).toEqual({
      present: true,
      jsonLdQuestions: 3,
      detailsBlocks: 2,
      questionHeadings: 3,
    });
    expect(a.technicalSeo.structuredData.types).toEqual(
      expect.arrayContaining(['FAQPage', 'Question', 'Answer']),
    );
    expect(a.onPageSeo.wordCountSource).toBe('body');
  });

  it('marks noindex pages from the robots meta tag and reads content-language', () => {
    const a = analyzeHtml(fixture('noindex-page.html'), { url: 'http://intranet.example/search' });
    expect(a.technicalSeo.robots).toMatchObject({ noindex: true, nofollow: true });
    expect(a.technicalSeo.indexable).toBe(false);
    expect(a.technicalSeo.https).toBe(false);
    expect(a.technicalSeo.language).toMatchObject({ value: 'de-DE', source: 'content-language' });
    expect(a.contentQuality.readability.fleschReadingEase).toBeNull();
  });

  it('honours X-Robots-Tag: noindex from the response headers', () => {
    const a = analyzeHtml('<html><head><title>x</title></head><body>hi</body></html>', {
      headers: { 'X-Robots-Tag': 'googlebot: noindex' },
    });
    expect(a.technicalSeo.robots.noindex).toBe(true);
  });

  it('falls back to og:title, og:locale and microdata dates; readability is marked language-dependent', () => {
    const a = analyzeHtml(fixture('microdata-no-title.html'), {
      url: 'https://fr.example/guide',
      client: KNAK,
    });
    expect(a.onPageSeo.title).toBe("Guide des outils d'emailing");
    expect(a.onPageSeo.titleSource).toBe('og:title');
    expect(a.technicalSeo.language).toMatchObject({ value: 'fr-FR', source: 'og:locale' });
    expect(a.technicalSeo.structuredData.microdataTypes).toEqual(['https://schema.org/Article']);
    expect(a.contentQuality.published?.iso).toBe('2025-11-20T00:00:00.000Z');
    expect(a.contentQuality.published?.source).toMatch(/datepublished/i);
    expect(a.contentQuality.readability).toMatchObject({ fleschReadingEase: null, languageDependent: true });
    expect(a.contentQuality.statistics.examples).toContain('40 %');
    expect(a.brand.brand?.count).toBe(1);
  });

  it('survives broken markup and invalid JSON-LD', () => {
    const a = analyzeHtml(
      '<html><head><script type="application/ld+json">{"@type": "Article", </script><title>Broken</title><body><p>Unclosed <b>bold <i>text',
      { url: 'https://x.example/' },
    );
    expect(a.onPageSeo.title).toBe('Broken');
    expect(a.technicalSeo.structuredData.jsonLdErrors).toBe(1);
    expect(a.onPageSeo.wordCount).toBe(3);
  });

  it('analyses an empty document without throwing', () => {
    const a = analyzeHtml('');
    expect(a.title).toBeNull();
    expect(a.onPageSeo.wordCount).toBe(0);
    expect(a.relevance).toBeNull();
    expect(a.contentQualityScore).toBeGreaterThanOrEqual(0);
  });
});
