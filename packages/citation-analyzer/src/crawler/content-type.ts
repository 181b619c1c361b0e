/** The media type without parameters, lower-cased (`text/html`), or null when absent. */
export function mediaType(contentType: string | undefined | null): string | null {
  if (!contentType) return null;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type || null;
}

/** HTML and XHTML are analysed; a missing Content-Type is sniffed from the body later. */
export function isHtmlType(type: string | null): boolean {
  return type === null || type === 'text/html' || type === 'application/xhtml+xml';
}

/** A body served without a Content-Type is treated as HTML only if it starts like HTML. */
export function looksLikeHtml(text: string): boolean {
  const start = text.slice(0, 1024).trimStart().toLowerCase();
  return (
    start.startsWith('<!doctype html') ||
    start.startsWith('<html') ||
    /<(head|body|title|meta)[\s>]/.test(start)
  );
}
