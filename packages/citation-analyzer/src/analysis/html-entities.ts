import { load } from 'cheerio/slim';

/**
 * HTML character references, decoded as htmlparser2 decodes them (the analyzer's results were
 * tuned against that parser). The common references (`&amp;`, `&#8217;`...) are decoded here;
 * any other one (rare named entities, legacy references without a semicolon, odd code points)
 * is decoded once by cheerio's own parser, which carries the full entity table, and cached.
 */

const COMMON: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&apos;': "'",
  '&nbsp;': '\u00a0',
};
const MAX_CACHED = 4096;
const textCache = new Map<string, string>();
const attributeCache = new Map<string, string>();

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

function isAlphanumeric(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** A numeric reference with a semicolon whose code point needs no replacement, else null. */
function plainNumeric(token: string): string | null {
  if (token.charCodeAt(token.length - 1) !== 59) return null;
  const hex = (token.charCodeAt(2) | 0x20) === 120;
  const digits = token.slice(hex ? 3 : 2, -1);
  if (digits.length === 0 || digits.length > 7) return null;
  const code = Number.parseInt(digits, hex ? 16 : 10);
  if (code === 0 || (code >= 0x80 && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
    return null;
  }
  return String.fromCodePoint(code);
}

function viaParser(token: string, attribute: boolean): string {
  const cache = attribute ? attributeCache : textCache;
  let decoded = cache.get(token);
  if (decoded === undefined) {
    // The token holds only `&`, `#`, letters, digits, `;` and `=`: no markup, no quotes.
    const root = load(attribute ? `<a x="${token}">` : token).root()[0] as unknown as {
      children: Array<{ data?: string; attribs?: Record<string, string> }>;
    };
    decoded = attribute
      ? (root.children[0]?.attribs?.x ?? token)
      : root.children.map((node) => node.data ?? '').join('');
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(token, decoded);
  }
  return decoded;
}

function decodeToken(token: string, attribute: boolean): string {
  const common = COMMON[token];
  if (common !== undefined) return common;
  if (token.charCodeAt(1) === 35) {
    const plain = plainNumeric(token);
    if (plain !== null) return plain;
  }
  return viaParser(token, attribute);
}

/**
 * Decodes the character references of text (`attribute` false) or of an attribute value, where
 * a legacy reference without a semicolon followed by a letter, digit or `=` stays as written.
 */
export function decodeEntities(raw: string, attribute: boolean): string {
  let amp = raw.indexOf('&');
  if (amp === -1) return raw;
  const length = raw.length;
  let out = '';
  let last = 0;
  while (amp !== -1) {
    let end = amp + 1;
    if (raw.charCodeAt(end) === 35) {
      end++;
      const hex = (raw.charCodeAt(end) | 0x20) === 120;
      if (hex) end++;
      while (end < length && (hex ? isHexDigit(raw.charCodeAt(end)) : isDigit(raw.charCodeAt(end)))) end++;
    } else {
      while (end < length && isAlphanumeric(raw.charCodeAt(end))) end++;
    }
    const next = raw.charCodeAt(end);
    if (next === 59 || (attribute && next === 61)) end++;
    if (end === amp + 1) {
      amp = raw.indexOf('&', end);
      continue;
    }
    out += raw.slice(last, amp) + decodeToken(raw.slice(amp, end), attribute);
    last = end;
    amp = raw.indexOf('&', end);
  }
  return out + raw.slice(last);
}
