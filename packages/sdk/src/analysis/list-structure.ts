import type { Span } from './text-spans.js';

/** One top-level item of a list, with its continuation lines and nested sub-items. */
export interface ListItem extends Span {
  /** 1-based rank of the item in its list. */
  rank: number;
  /** 0-based index of the list in the answer. */
  list: number;
  kind: 'numbered' | 'bulleted' | 'heading';
}

interface OpenList {
  kind: ListItem['kind'];
  indent: number;
  headingLevel: number;
  lastNumber: number | null;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

const ITEM = /^([ \t]*)(?:(\d{1,3})[.)]|[-*+\u2022\u2023\u25E6\u25AA\u25CF\u2043])[ \t]+(?=\S)/;
const NUMBERED_HEADING = /^(#{1,6})[ \t]+(?:\*\*|__)?(\d{1,3})[.)][ \t]+/;
/** A bold numbered title on its own line: `**1. Brevo**` or `**1.** Brevo` (Gemini). */
const BOLD_NUMBERED = /^(?:\*\*|__)(\d{1,3})[.)](?:\*\*|__)?[ \t]+\S/;
const BOLD_LEVEL = 7;
const HEADING = /^#{1,6}[ \t]/;
const RULE = /^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$/;

function indentOf(s: string): number {
  let n = 0;
  for (const ch of s) {
    if (ch === ' ') n += 1;
    else if (ch === '\t') n += 4;
    else break;
  }
  return n;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const part of text.split('\n')) {
    // part.replace(/\r$/, '') without a copy when there is no \r
    const text = part.endsWith('\r') ? part.slice(0, -1) : part;
    lines.push({ start, end: start + part.length, text });
    start += part.length + 1;
  }
  return lines;
}

/**
 * The ranked items of every list in the answer.
 *
 * Rules: a list is a run of items (`1.`, `1)`, `-`, `*`, `+`, `•`) at the outermost indent; blank
 * lines, indented continuation lines and deeper (nested) items belong to the current item, so a
 * brand in a nested sub-item takes the rank of its top-level item. An unindented prose paragraph,
 * a heading or a rule ends the list, except that a numbered item continuing the previous list's
 * numbering (`3.` after `2.`) resumes it. Numbered headings (`### 2. **Brevo**`) form a list of their
 * own whose items run to the next heading; bold numbered titles (`**2. Brevo**`) likewise, up to a
 * prose paragraph after a blank line. Ranks are positions in the list (1, 2, 3...).
 */
export function parseListItems(text: string): ListItem[] {
  const items: ListItem[] = [];
  let listIndex = -1;
  // Mutable parser state (an object, so closures and the loop see the same values).
  const st: { open: OpenList | null; current: ListItem | null } = { open: null, current: null };
  let prevBlank = true;
  let listCount = 0;
  // The last numbered list (of each kind) that closed, so that `3.` after a paragraph resumes it.
  const lastNumbered = new Map<ListItem['kind'], { lastNumber: number; list: number }>();

  const close = () => {
    if (st.open && st.current && st.open.lastNumber !== null) {
      lastNumbered.set(st.open.kind, { lastNumber: st.open.lastNumber, list: listIndex });
    }
    st.open = null;
    st.current = null;
  };

  const startItem = (
    line: Line,
    kind: ListItem['kind'],
    number: number | null,
    indent: number,
    level = 0,
  ) => {
    if (!st.open) {
      const previous = lastNumbered.get(kind);
      if (number !== null && number > 1 && previous && number === previous.lastNumber + 1) {
        listIndex = previous.list;
      } else {
        listIndex = listCount;
        listCount += 1;
      }
      st.open = { kind, indent, headingLevel: level, lastNumber: null };
    }
    st.open.lastNumber = number;
    const rank = items.filter((i) => i.list === listIndex).length + 1;
    st.current = { start: line.start, end: line.end, rank, list: listIndex, kind };
    items.push(st.current);
  };

  for (const line of splitLines(text)) {
    const blank = line.text.trim() === '';
    const hashHeading = NUMBERED_HEADING.exec(line.text);
    const bold = hashHeading ? null : BOLD_NUMBERED.exec(line.text);
    const heading = hashHeading
      ? { level: hashHeading[1]!.length, number: Number(hashHeading[2]) }
      : bold
        ? { level: BOLD_LEVEL, number: Number(bold[1]) }
        : null;
    const item = heading ? null : ITEM.exec(line.text);
    if (heading) {
      if (st.open && (st.open.kind !== 'heading' || heading.level !== st.open.headingLevel)) close();
      startItem(line, 'heading', heading.number, 0, heading.level);
    } else if (st.open?.kind === 'heading') {
      // A heading owns its section; a bold title owns its lines up to a prose paragraph after a blank line.
      const prose = !blank && !item && indentOf(line.text) === 0 && prevBlank;
      if (HEADING.test(line.text) || RULE.test(line.text) || (st.open.headingLevel === BOLD_LEVEL && prose))
        close();
      else if (st.current) st.current.end = line.end;
    } else if (item && !RULE.test(line.text)) {
      const indent = indentOf(item[1]!);
      const kind: ListItem['kind'] = item[2] ? 'numbered' : 'bulleted';
      const number = item[2] ? Number(item[2]) : null;
      if (st.open && st.current && indent > st.open.indent + 1) {
        st.current.end = line.end; // nested item
      } else {
        if (st.open && (st.open.kind !== kind || indent < st.open.indent - 1)) close();
        startItem(line, kind, number, indent);
      }
    } else if (blank) {
      // a blank line keeps the list open
    } else if (st.open && st.current) {
      const indent = indentOf(line.text);
      const continues = indent > st.open.indent || !prevBlank;
      if (HEADING.test(line.text) || RULE.test(line.text) || !continues) close();
      else st.current.end = line.end;
    }
    prevBlank = blank;
  }
  close();
  return items;
}
