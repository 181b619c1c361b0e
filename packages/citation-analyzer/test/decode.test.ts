import { describe, expect, it } from 'vitest';
import { decodeBody } from '../src/crawler/decode.js';
import { fixtureBytes } from './helpers.js';

describe('decodeBody', () => {
  const latin = fixtureBytes('windows-1252-page.html');

  it('uses the meta charset when the header has none', () => {
    const decoded = decodeBody(latin, 'text/html');
    expect(decoded).toMatchObject({ charset: 'windows-1252', charsetSource: 'meta' });
    expect(decoded.text).toContain('Café Müller – Preise ab €5');
  });

  it('lets the Content-Type charset win over the meta tag', () => {
    const utf8 = Buffer.from('<meta charset="windows-1252"><p>Grüße €</p>', 'utf8');
    const decoded = decodeBody(utf8, 'text/html; charset=UTF-8');
    expect(decoded).toMatchObject({ charset: 'utf-8', charsetSource: 'header' });
    expect(decoded.text).toContain('Grüße €');
  });

  it('lets a byte-order mark win over everything', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>naïve</p>', 'utf8')]);
    const decoded = decodeBody(bom, 'text/html; charset=iso-8859-1');
    expect(decoded).toMatchObject({ charset: 'utf-8', charsetSource: 'bom' });
    expect(decoded.text).toBe('<p>naïve</p>');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<p>ok</p>', 'utf16le')]);
    expect(decodeBody(utf16, null).text).toBe('<p>ok</p>');
  });

  it('falls back to UTF-8 for unknown labels and no declaration', () => {
    const bytes = Buffer.from('<p>日本語</p>', 'utf8');
    expect(decodeBody(bytes, 'text/html; charset=x-unknown-thing')).toMatchObject({
      text: '<p>日本語</p>',
      charsetSource: 'default',
    });
  });
});
