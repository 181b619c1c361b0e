import { describe, expect, it } from 'vitest';
import { collectPage } from '../src/analysis/collect-page.js';
import { decodeEntities } from '../src/analysis/html-entities.js';
import { type Attributes, scanHtml } from '../src/analysis/html-scanner.js';
import { analyzeHtml } from '../src/index.js';

/** The element events of a document, as `<name` and `</name`, with text runs in quotes. */
function events(html: string): string[] {
  const out: string[] = [];
  scanHtml(html, {
    open: (name: string, _attributes: Attributes) => out.push(`<${name}`),
    close: (name: string) => out.push(`</${name}`),
    text: (start: number, end: number) => out.push(JSON.stringify(html.slice(start, end))),
  });
  return out;
}

describe('scanHtml', () => {
  it('closes elements as HTML implies: p before a block, li before li, cells and rows', () => {
    expect(events('<p>a<div>b</div><ul><li>1<li>2</ul>')).toEqual([
      '<p',
      '"a"',
      '</p',
      '<div',
      '"b"',
      '</div',
      '<ul',
      '<li',
      '"1"',
      '</li',
      '<li',
      '"2"',
      '</li',
      '</ul',
    ]);
    expect(events('<table><tr><td>a<td>b<tr><td>c</table>').join(' ')).toBe(
      '<table <tr <td "a" </td <td "b" </td </tr <tr <td "c" </td </tr </table',
    );
  });

  it('treats void elements, stray end tags and self-closing syntax like htmlparser2', () => {
    expect(events('<br><img src=x><span/>t</span></div></p></br>')).toEqual([
      '<br',
      '</br',
      '<img',
      '</img',
      '<span',
      '"t"',
      '</span',
      '<p',
      '</p',
      '<br',
      '</br',
    ]);
    // `/>` closes only inside svg and math.
    expect(events('<svg><path/><title>x</title></svg><div/>y')).toEqual([
      '<svg',
      '<path',
      '</path',
      '<title',
      '"x"',
      '</title',
      '</svg',
      '<div',
      '"y"',
      '</div',
    ]);
  });

  it('reads script, style and title content as text up to their own end tag', () => {
    expect(events('<script>if (a < b) document.write("</div>")</script><style>p>a{}</STYLE >')).toEqual([
      '<script',
      '"if (a < b) document.write(\\"</div>\\")"',
      '</script',
      '<style',
      '"p>a{}"',
      '</style',
    ]);
  });

  it('skips comments, CDATA, declarations and processing instructions', () => {
    expect(events('<!DOCTYPE html>a<!-- <p> -->b<![CDATA[<p>]]>c<?xml x?>d< e')).toEqual([
      '"a"',
      '"b"',
      '"c"',
      '"d< e"',
    ]);
  });

  it('ends a truncated document without inventing elements', () => {
    expect(events('<div>text<a href="x')).toEqual(['<div', '"text"', '</div']);
    expect(events('<p>a<!-- open')).toEqual(['<p', '"a"', '</p']);
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

describe('decodeEntities', () => {
  it('decodes common, numeric, rare and legacy references', () => {
    expect(decodeEntities('a &amp; b &#8217; &#x2014; &hellip; &copy 2020 &notit;', false)).toBe(
      'a & b ’ — … © 2020 ¬it;',
    );
  });

  it('leaves a legacy reference followed by = or a letter alone in attribute values', () => {
    expect(decodeEntities('?a=1&copy=2&ampx', true)).toBe('?a=1&copy=2&ampx');
    expect(decodeEntities('?a=1&amp;b=2', true)).toBe('?a=1&b=2');
  });

  it('decodes a text full of distinct unusual references in one go, with the same result', () => {
    const tokens = Array.from({ length: 200 }, (_, i) => `&x${i}; &copy${i % 10}`);
    const decoded = decodeEntities(tokens.join(' '), false);
    expect(decoded).toBe(Array.from({ length: 200 }, (_, i) => `&x${i}; ©${i % 10}`).join(' '));
  });
});

describe('analyzeHtml on hostile markup', () => {
  it('handles deeply nested headings and thousands of unclosed elements', () => {
    const html = `<main>${'<h2>Q<h3>'.repeat(3000)}${'<div>'.repeat(5000)}text${'</span>'.repeat(5000)}</main>`;
    const analysis = analyzeHtml(html, { now: new Date('2026-01-01T00:00:00Z') });
    expect(analysis.onPageSeo.headingCounts.h2).toBeGreaterThan(0);
    expect(analysis.onPageSeo.wordCount).toBeGreaterThan(0);
  });
});
