import { describe, expect, it } from 'vitest';
import { collectPage } from '../src/analysis/collect-page.js';
import { analyzeHtml } from '../src/index.js';

const now = new Date('2026-01-01T00:00:00Z');

/** The visible text of a page with whitespace collapsed. */
function bodyOf(html: string): string {
  return collectPage(html).bodyText.replace(/\s+/g, ' ').trim();
}

describe('collectPage reads the tree as HTML implies it', () => {
  it('closes elements as HTML implies: p before a block, li before li, cells and rows', () => {
    const page = collectPage(
      '<main><p>a<div>b</div><ul><li>1<li>2</ul><table><tr><td>x<td>y<tr><td>z</table></main><p>after',
    );
    expect(page.lists).toBe(1);
    expect(page.listItems).toBe(2);
    expect(page.tables).toBe(1);
    expect(page.mainText.replace(/\s+/g, ' ').trim()).toBe('a b 1 2 x y z');
    expect(page.bodyText.replace(/\s+/g, ' ').trim()).toBe('a b 1 2 x y z after');
  });

  it('treats void elements, stray end tags and self-closing syntax as htmlparser2 does', () => {
    // `<span/>` opens a span (`/>` closes only inside svg and math), so "t" is in it; `</div>` and
    // `</p>` with nothing open change nothing (`</p>` is an empty paragraph), `</br>` is a line break.
    expect(bodyOf('<br><img src=x><span/>t</span></div></p></br>u')).toBe('t u');
    expect(collectPage('<img src=x><img alt=""><img alt="A">').images).toEqual({
      total: 3,
      withAlt: 1,
      emptyAlt: 1,
      missingAlt: 1,
    });
    // In svg, `<title/>` is closed at once; the svg's own title is not the page's.
    const page = collectPage('<svg><path/><title>icon</title><title/></svg><title>Page</title><div/>y');
    expect(page.title).toBe('Page');
    expect(bodyOf('<svg><path/><title>icon</title></svg><div/>y')).toBe('y');
  });

  it('reads script, style and title content as text up to their own end tag', () => {
    const page = collectPage(
      '<script>if (a < b) document.write("<h2>no</h2></div>")</script><style>p>a{}</STYLE ><title>a <b> &amp; c</title><h2>after</h2>',
    );
    expect(page.headings).toEqual([{ level: 2, text: 'after' }]);
    expect(page.title).toBe('a <b> & c');
    const jsonLd = collectPage('<script type="application/ld+json">{"a":"</div>&amp;"}</script>').jsonLd;
    expect(jsonLd).toEqual(['{"a":"</div>&amp;"}']);
  });

  it('skips comments, CDATA, declarations and processing instructions', () => {
    expect(bodyOf('<!DOCTYPE html>a<!-- <p> -->b<![CDATA[<p>]]>c<?xml x?>d< e')).toBe('abcd< e');
  });

  it('ends a truncated document without inventing elements', () => {
    const page = collectPage('<div>text<a href="x');
    expect(page.bodyText.trim()).toBe('text');
    expect(page.links).toEqual([]);
    expect(collectPage('<h2>a<!-- open').headings).toEqual([{ level: 2, text: 'a' }]);
  });

  it('reads attributes case-insensitively, first one winning, values decoded', () => {
    const page = collectPage(
      '<html LANG="fr" lang="de"><meta NAME=Description content="a &amp; b &eacute;"><a href=/x/ rel=NoFollow>x</a>',
    );
    expect(page.htmlLang).toBe('fr');
    expect(page.meta.get('description')).toBe('a & b é');
    expect(page.links).toEqual([{ href: '/x/', rel: 'nofollow', inContent: true }]);
  });
});

describe('character references', () => {
  it('decodes common, numeric, rare and legacy references in text', () => {
    expect(bodyOf('<p>a &amp; b &#8217; &#x2014; &hellip; &copy 2020 &notit;</p>')).toBe(
      'a & b ’ — … © 2020 ¬it;',
    );
  });

  it('leaves a legacy reference followed by = or a letter alone in attribute values', () => {
    const page = collectPage('<a href="?a=1&copy=2&ampx">x</a><a href="?a=1&amp;b=2">y</a>');
    expect(page.links.map((link) => link.href)).toEqual(['?a=1&copy=2&ampx', '?a=1&b=2']);
  });

  it('decodes a text full of distinct unusual references', () => {
    const tokens = Array.from({ length: 2000 }, (_, i) => `&x${i}; &copy${i % 10}`);
    expect(bodyOf(`<p>${tokens.join(' ')}</p>`)).toBe(
      Array.from({ length: 2000 }, (_, i) => `&x${i}; ©${i % 10}`).join(' '),
    );
  });
});

describe('analyzeHtml on hostile markup', () => {
  it('handles deeply nested headings and thousands of unclosed elements', () => {
    const html = `<main>${'<h2>Q<h3>'.repeat(3000)}${'<div>'.repeat(5000)}text${'</span>'.repeat(5000)}</main>`;
    const analysis = analyzeHtml(html, { now });
    expect(analysis.onPageSeo.headingCounts.h2).toBeGreaterThan(0);
    expect(analysis.onPageSeo.wordCount).toBeGreaterThan(0);
  });

  it('stops reading past 1500 levels of nesting and keeps what came before', () => {
    const html = `<title>T</title><main><p>intro words</p>${'<b>'.repeat(200_000)}deep${'</x>'.repeat(200_000)}</main><p>tail</p>`;
    const page = collectPage(html);
    expect(page.title).toBe('T');
    expect(page.hasMain).toBe(true);
    expect(page.mainText.trim()).toBe('intro words');
    expect(page.bodyText).not.toContain('deep');
    expect(page.bodyText).not.toContain('tail');
  });

  it('reads megabytes of end tags for elements that are not open', () => {
    const html = `<main>${'<i>'.repeat(1000)}a${'</x></y>'.repeat(100_000)}b${'</p>'.repeat(100_000)}c</main>`;
    expect(bodyOf(html)).toBe('ab c');
  });
});
