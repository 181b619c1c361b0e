import { load } from 'cheerio/slim';

/**
 * HTML character references, decoded as htmlparser2 decodes them (the analyzer's results were
 * tuned against that parser). The common references (`&amp;`, `&#8217;`...) are decoded here;
 * any other one (rare named entities, legacy references without a semicolon, odd code points)
 * is decoded by cheerio's own parser, which carries the full entity table, and cached.
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

/**
 * Decodes tokens with cheerio's parser, all in one parse (so a page full of distinct unusual
 * references costs one linear parse, not one per reference), and remembers them.
 */
function viaParser(tokens: string[], attribute: boolean, into: Map<string, string>): void {
  const cache = attribute ? attributeCache : textCache;
  // Tokens hold only `&`, `#`, letters, digits, `;` and `=`: no markup, no quotes. Each sits in
  // an element of its own, so its text (or attribute) is decoded on its own.
  const markup = tokens.map((token) => (attribute ? `<i x="${token}"></i>` : `<i>${token}</i>`)).join('');
  const root = load(markup).root()[0] as unknown as {
    children: Array<{ attribs?: Record<string, string>; children?: Array<{ data?: string }> }>;
  };
  if (cache.size + tokens.length > MAX_CACHED) cache.clear();
  tokens.forEach((token, k) => {
    const element = root.children[k];
    const decoded = attribute
      ? (element?.attribs?.x ?? token)
      : (element?.children ?? []).map((node) => node.data ?? '').join('');
    into.set(token, decoded);
    if (tokens.length <= MAX_CACHED) cache.set(token, decoded);
  });
}

const MAX_TOKENS_PER_PARSE = 16;

type ParsedRoot = {
  children: Array<{ data?: string; attribs?: Record<string, string>; children?: Array<{ data?: string }> }>;
};

/**
 * The whole string decoded by cheerio's parser (text is cut at `<` so no markup can form), or
 * null for an attribute value holding both kinds of quotes.
 */
function wholeViaParser(raw: string, attribute: boolean): string | null {
  if (!attribute) {
    return raw
      .split('<')
      .map((piece) =>
        piece.indexOf('&') === -1
          ? piece
          : (load(piece).root()[0] as unknown as ParsedRoot).children.map((node) => node.data ?? '').join(''),
      )
      .join('<');
  }
  const quote = !raw.includes('"') ? '"' : !raw.includes("'") ? "'" : null;
  if (quote === null) return null;
  const root = load(`<i x=${quote}${raw}${quote}>`).root()[0] as unknown as ParsedRoot;
  return root.children[0]?.attribs?.x ?? null;
}

/** The decoded token when it is common or already known, else undefined. */
function knownToken(token: string, attribute: boolean): string | undefined {
  const common = COMMON[token];
  if (common !== undefined) return common;
  if (token.charCodeAt(1) === 35) {
    const plain = plainNumeric(token);
    if (plain !== null) return plain;
  }
  return (attribute ? attributeCache : textCache).get(token);
}

/** End of the reference token starting at `amp` (a `&`); amp + 1 when none starts there. */
function tokenEnd(raw: string, amp: number, attribute: boolean): number {
  const length = raw.length;
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
  return end;
}

/**
 * Decodes the character references of text (`attribute` false) or of an attribute value, where
 * a legacy reference without a semicolon followed by a letter, digit or `=` stays as written.
 */
export function decodeEntities(raw: string, attribute: boolean): string {
  const first = raw.indexOf('&');
  if (first === -1) return raw;
  // First pass: the references that need the parser, decoded together.
  let unknown: Set<string> | null = null;
  let triedWhole = false;
  for (let amp = first; amp !== -1; ) {
    const end = tokenEnd(raw, amp, attribute);
    if (end > amp + 1) {
      const token = raw.slice(amp, end);
      if (knownToken(token, attribute) === undefined) {
        unknown ??= new Set();
        unknown.add(token);
        if (unknown.size > MAX_TOKENS_PER_PARSE && !triedWhole) {
          // Many unusual references: the parser decodes the whole string at once instead.
          triedWhole = true;
          const whole = wholeViaParser(raw, attribute);
          if (whole !== null) return whole;
        }
      }
    }
    amp = raw.indexOf('&', end);
  }
  const decodedHere = new Map<string, string>();
  if (unknown !== null) viaParser([...unknown], attribute, decodedHere);
  let out = '';
  let last = 0;
  for (let amp = first; amp !== -1; ) {
    const end = tokenEnd(raw, amp, attribute);
    if (end > amp + 1) {
      const token = raw.slice(amp, end);
      out += raw.slice(last, amp) + (decodedHere.get(token) ?? knownToken(token, attribute) ?? token);
      last = end;
    }
    amp = raw.indexOf('&', end);
  }
  return out + raw.slice(last);
}
