/**
 * Text normalisation for matching. Every step keeps the length of the (NFC) text, so an offset
 * found in the normalised text is an offset into the answer.
 */

const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BC\u02BB\u2032\u0060\u00B4\uFF07]/g;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const SPACES = /[\u00A0\u2007\u202F\u2009\u200A\u2002\u2003]/g;

/** Folds one character to its base letter (é → e), or keeps it when it has no single-letter base. */
function foldChar(ch: string): string {
  const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
  return base.length === ch.length ? base : ch;
}

/** NFC form of the answer: the text every offset refers to. */
export function canonicalText(text: string): string {
  return text.normalize('NFC');
}

/**
 * Normalises apostrophes (’ → '), dashes (– → -), no-break spaces and accents (é → e) without
 * changing the length of an NFC string.
 */
export function matchingText(nfcText: string): string {
  const punct = nfcText.replace(APOSTROPHES, "'").replace(DASHES, '-').replace(SPACES, ' ');
  let out = '';
  for (const ch of punct) out += ch.charCodeAt(0) < 0x80 ? ch : foldChar(ch);
  return out;
}
