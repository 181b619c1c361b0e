const LETTER_OR_NUMBER = /[\p{L}\p{N}\p{M}]/u;
/** Per BMP code unit: 0 not yet known, 1 a word character, 2 not one. */
const nonAsciiCache = new Uint8Array(65_536);

function isCjk(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x3400 && code <= 0x4dbf) || // CJK extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
    (code >= 0xf900 && code <= 0xfaff) // compatibility ideographs
  );
}

function isWordChar(code: number): boolean {
  if (code < 128) {
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  }
  let known = nonAsciiCache[code]!;
  if (known === 0) {
    known = LETTER_OR_NUMBER.test(String.fromCharCode(code)) ? 1 : 2;
    nonAsciiCache[code] = known;
  }
  return known === 1;
}

function isJoiner(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 45; // ' ’ -
}

/**
 * Calls `onWord(start, end)` for every word of the text: runs of letters, digits and marks with
 * apostrophes or hyphens inside; each CJK character is a word of its own. A hand-written scan:
 * Unicode property regexes are several times slower on long pages. Surrogate pairs outside the
 * BMP count as word characters only when they are letters (rare; checked per pair).
 */
export function scanWords(text: string, onWord: (start: number, end: number) => boolean | undefined): void {
  const length = text.length;
  let i = 0;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      const pair = text.slice(i, i + 2);
      if (LETTER_OR_NUMBER.test(pair)) {
        if (onWord(i, i + 2) === false) return;
      }
      i += 2;
      continue;
    }
    if (isCjk(code)) {
      if (onWord(i, i + 1) === false) return;
      i++;
      continue;
    }
    if (!isWordChar(code)) {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (isCjk(c)) break;
      if (isWordChar(c)) {
        i++;
      } else if (
        isJoiner(c) &&
        i + 1 < length &&
        isWordChar(text.charCodeAt(i + 1)) &&
        !isCjk(text.charCodeAt(i + 1))
      ) {
        i += 2;
      } else break;
    }
    if (onWord(start, i) === false) return;
  }
}
