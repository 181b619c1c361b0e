/** Collapses whitespace so an excerpt reads as one line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The text around each offset (`radius` characters either side, cut at word boundaries),
 * overlapping windows merged, at most `max` excerpts. Offsets refer to the NFC answer.
 */
export function excerptsAround(answer: string, offsets: readonly number[], radius = 120, max = 3): string[] {
  const text = answer.normalize('NFC');
  const windows: Array<{ start: number; end: number }> = [];
  for (const offset of [...offsets].sort((a, b) => a - b)) {
    if (offset < 0 || offset > text.length) continue;
    const start = Math.max(0, offset - radius);
    const end = Math.min(text.length, offset + radius);
    const last = windows[windows.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  return windows.slice(0, max).map(({ start, end }) => {
    let s = start;
    let e = end;
    if (s > 0) {
      const space = text.indexOf(' ', s);
      if (space !== -1 && space < s + 20) s = space + 1;
    }
    if (e < text.length) {
      const space = text.lastIndexOf(' ', e);
      if (space > e - 20) e = space;
    }
    return `${s > 0 ? '…' : ''}${oneLine(text.slice(s, e))}${e < text.length ? '…' : ''}`;
  });
}

/** The first `length` characters of the answer, on one line. */
export function openingOf(answer: string, length = 240): string {
  const text = oneLine(answer.normalize('NFC'));
  if (text.length <= length) return text;
  const cut = text.lastIndexOf(' ', length);
  return `${text.slice(0, cut > length - 30 ? cut : length)}…`;
}
