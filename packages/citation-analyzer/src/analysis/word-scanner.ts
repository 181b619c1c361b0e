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
 * The words of a text, one `next()` at a time: runs of letters, digits and marks with
 * apostrophes or hyphens inside; each CJK character is a word of its own. A hand-written scan:
 * Unicode property regexes are several times slower on long pages. Surrogate pairs outside the
 * BMP count as word characters only when they are letters (rare; checked per pair). An object
 * rather than a callback so the loops that read words stay monomorphic and cheap to compile.
 */
export class WordScanner {
  /** The current word is text[start, end) after `next()` returned true. */
  start = 0;
  end = 0;
  private position = 0;

  constructor(readonly text: string) {}

  next(): boolean {
    const text = this.text;
    const length = text.length;
    let i = this.position;
    while (i < length) {
      const code = text.charCodeAt(i);
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
        if (LETTER_OR_NUMBER.test(text.slice(i, i + 2))) return this.found(i, i + 2);
        i += 2;
        continue;
      }
      if (isCjk(code)) return this.found(i, i + 1);
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
      return this.found(start, i);
    }
    this.position = length;
    return false;
  }

  private found(start: number, end: number): boolean {
    this.start = start;
    this.end = end;
    this.position = end;
    return true;
  }
}

/** Calls `onWord(start, end)` for every word of the text (see WordScanner); false stops. */
export function scanWords(text: string, onWord: (start: number, end: number) => boolean | undefined): void {
  const scanner = new WordScanner(text);
  while (scanner.next()) {
    if (onWord(scanner.start, scanner.end) === false) return;
  }
}
