import { boundedMemo } from '../common/bounded-memo.js';

/**
 * Text normalisation for matching. Every step keeps the length of the (NFC) text, so an offset
 * found in the normalised text is an offset into the answer.
 */

const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BC\u02BB\u2032\u0060\u00B4\uFF07]/;
const DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/;
const SPACES = /[\u00A0\u2007\u202F\u2009\u200A\u2002\u2003]/;
/** The characters matchingText may change: every non-ASCII character, and the backtick (an apostrophe). */
const CHANGEABLE = /[`\u0080-\u{10FFFF}]/u;
const CHANGEABLE_ALL = /[`\u0080-\u{10FFFF}]/gu;
/** Any UTF-16 code unit outside ASCII. */
const NON_ASCII = /[\u0080-\uFFFF]/;

/** Folds one character to its base letter (é → e), or keeps it when it has no single-letter base. */
function foldChar(ch: string): string {
  const base = ch.normalize('NFD').replace(/\p{M}+/gu, '');
  return base.length === ch.length ? base : ch;
}

/** One character (a code point) as matchingText maps it: apostrophes, dashes and spaces first, then accents. */
const matchingChar = boundedMemo(4_096, (ch: string): string =>
  APOSTROPHES.test(ch)
    ? "'"
    : DASHES.test(ch)
      ? '-'
      : SPACES.test(ch)
        ? ' '
        : ch.charCodeAt(0) < 0x80
          ? ch
          : foldChar(ch),
);

/** NFC form of the answer: the text every offset refers to. */
export function canonicalText(text: string): string {
  // ASCII text is in NFC already.
  return NON_ASCII.test(text) ? text.normalize('NFC') : text;
}

/**
 * Normalises apostrophes (’ → '), dashes (– → -), no-break spaces and accents (é → e) without
 * changing the length of an NFC string.
 */
export function matchingText(nfcText: string): string {
  // The same as replacing the apostrophes, dashes and spaces, then folding every non-ASCII code
  // point: each of those steps maps one BMP character to one ASCII character.
  if (!CHANGEABLE.test(nfcText)) return nfcText;
  return nfcText.replace(CHANGEABLE_ALL, matchingChar);
}
