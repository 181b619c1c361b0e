/**
 * Converts a UTF-8 byte offset into `text` to a JavaScript string index (UTF-16 code units).
 * An offset inside a multi-byte character maps to the start of that character; past the end, to `text.length`.
 */
export function utf8OffsetToIndex(text: string, byteOffset: number): number {
  if (byteOffset <= 0) return 0;
  let bytes = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.codePointAt(index)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (bytes + size > byteOffset) return index;
    bytes += size;
    index += code > 0xffff ? 2 : 1;
    if (bytes === byteOffset) return index;
  }
  return text.length;
}
