/** How the bytes of a page were turned into text. */
export interface DecodedBody {
  text: string;
  charset: string;
  charsetSource: 'bom' | 'header' | 'meta' | 'default';
}

function charsetFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const match = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return match ? match[1]!.toLowerCase() : null;
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return null;
}

/** `<meta charset>` or `<meta http-equiv=content-type content="...charset=...">` in the first 4 KiB. */
function metaCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return direct ? direct[1]!.toLowerCase() : null;
}

function decoderFor(label: string | null): InstanceType<typeof TextDecoder> | null {
  if (!label) return null;
  try {
    return new TextDecoder(label);
  } catch {
    return null;
  }
}

/**
 * Decodes a page as a browser would: a byte-order mark wins, then the Content-Type charset,
 * then a meta charset, else UTF-8. Unknown labels fall through to the next source.
 * (A meta tag claiming UTF-16 on a page without a BOM means UTF-8, per the HTML spec.)
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): DecodedBody {
  const bom = bomCharset(bytes);
  if (bom) {
    const decoder = new TextDecoder(bom);
    return { text: decoder.decode(bytes), charset: decoder.encoding, charsetSource: 'bom' };
  }
  const header = decoderFor(charsetFromContentType(contentType));
  if (header) return { text: header.decode(bytes), charset: header.encoding, charsetSource: 'header' };
  let meta = decoderFor(metaCharset(bytes));
  if (meta?.encoding.startsWith('utf-16')) meta = new TextDecoder('utf-8');
  if (meta) return { text: meta.decode(bytes), charset: meta.encoding, charsetSource: 'meta' };
  return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8', charsetSource: 'default' };
}
