import { decodeEntities } from './html-entities.js';

/**
 * A streaming HTML reader: tokenizes a document and reports elements opening and closing, with
 * HTML's implied end tags, void elements and raw-text elements, and text runs by position. No
 * tree is built and text is only sliced and decoded when the caller asks for it.
 *
 * Its tree-building rules follow htmlparser2's (the parser the analysis used before, and whose
 * results the corpus checks were tuned on): a `<p>` closes an open `<p>`, an `<li>` an `<li>`,
 * `</x>` closes everything above the nearest open `x` and is ignored when none is open, `/>`
 * closes an element only inside `<svg>`/`<math>`, and so on. Scanning uses `indexOf` wherever it
 * can (text, comments, scripts), which is what makes it fast even before the JIT warms up.
 */

/** The attributes of the element being opened; valid only during the `open` call. */
export class Attributes {
  count = 0;
  /** Where each name is in the document (names are compared in place, never sliced). */
  readonly nameStarts: number[] = [];
  readonly nameEnds: number[] = [];
  /** Start of each value in the document, -1 for an attribute without a value. */
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  constructor(readonly html: string) {}

  /** Index of the first attribute whose lower-cased name is `name` (lower-case ASCII), or -1. */
  indexOf(name: string): number {
    const html = this.html;
    const size = name.length;
    for (let k = 0; k < this.count; k++) {
      const start = this.nameStarts[k]!;
      const end = this.nameEnds[k]!;
      if (end - start !== size) {
        // Only a non-ASCII name can change length when lower-cased (e.g. U+0130).
        if (
          end - start < size &&
          hasNonAscii(html, start, end) &&
          html.slice(start, end).toLowerCase() === name
        ) {
          return k;
        }
        continue;
      }
      let i = 0;
      while (i < size) {
        let c = html.charCodeAt(start + i);
        if (c >= 65 && c <= 90) c += 32;
        else if (c >= 128) break;
        if (c !== name.charCodeAt(i)) break;
        i++;
      }
      if (i === size) return k;
      if (i < size && html.charCodeAt(start + i) >= 128 && html.slice(start, end).toLowerCase() === name)
        return k;
    }
    return -1;
  }

  /** The decoded value of the first attribute of that (lower-case) name. */
  get(name: string): string | undefined {
    const k = this.indexOf(name);
    if (k === -1) return undefined;
    const start = this.starts[k]!;
    if (start < 0) return '';
    const raw = this.html.slice(start, this.ends[k]!);
    return raw.indexOf('&') === -1 ? raw : decodeEntities(raw, true);
  }

  has(name: string): boolean {
    return this.indexOf(name) !== -1;
  }

  add(nameStart: number, nameEnd: number, start: number, end: number): void {
    const k = this.count++;
    this.nameStarts[k] = nameStart;
    this.nameEnds[k] = nameEnd;
    this.starts[k] = start;
    this.ends[k] = end;
  }
}

function hasNonAscii(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) >= 128) return true;
  return false;
}

export interface HtmlHandler {
  open(name: string, attributes: Attributes): void;
  close(name: string): void;
  /** A run of text, html[start, end), of a kind for `readText`. */
  text(start: number, end: number, kind: TextKind): void;
}

/** Text with character references; as written (script, style, textarea, xmp); a title's. */
export type TextKind = 0 | 1 | 2;
export const TEXT: TextKind = 0;
export const RAW: TextKind = 1;
export const TITLE: TextKind = 2;

/** The text of a run the scanner reported, decoded as its kind requires. */
export function readText(html: string, start: number, end: number, kind: TextKind): string {
  const slice = html.slice(start, end);
  if (kind === RAW) return slice;
  if (kind === TEXT) return decodeEntities(slice, false);
  return decodeTitle(slice);
}

const TITLE_END = '</title';

/**
 * A title's text: as htmlparser2 reads it, a `&` right after a partial `</title` ("<", "</t"...)
 * is not a character reference. Kept so titles come out exactly as before.
 */
function decodeTitle(text: string): string {
  let out = '';
  let last = 0;
  for (let amp = text.indexOf('&'); amp !== -1; amp = text.indexOf('&', amp + 1)) {
    // Look back at most the length of a partial `</title` (so this stays linear).
    let lt = amp - 1;
    while (lt >= 0 && amp - lt < TITLE_END.length && text.charCodeAt(lt) !== 60) lt--;
    if (lt < 0 || amp - lt >= TITLE_END.length) continue;
    if (text.slice(lt, amp).toLowerCase() !== TITLE_END.slice(0, amp - lt)) continue;
    out += `${decodeEntities(text.slice(last, amp), false)}&`;
    last = amp + 1;
  }
  return last === 0 ? decodeEntities(text, false) : out + decodeEntities(text.slice(last), false);
}

const P = new Set(['p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const TABLE_SECTION = new Set(['thead', 'tbody']);
const DD_DT = new Set(['dd', 'dt']);
const RT_RP = new Set(['rt', 'rp']);
/** Opening the key element first closes open elements of these names (innermost first). */
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT],
  ['dt', DD_DT],
  ['rt', RT_RP],
  ['rp', RT_RP],
  ['tbody', TABLE_SECTION],
  ['tfoot', TABLE_SECTION],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map(
    (name) => [name, FORM] as [string, Set<string>],
  ),
  ...[
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((name) => [name, P] as [string, Set<string>]),
]);
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
const FOREIGN = new Set(['math', 'svg']);
const INTEGRATION = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignobject',
  'desc',
  'title',
]);
/** Elements whose content is text up to their end tag (title's with character references). */
const RAW_TEXT_NAMES = ['script', 'style', 'textarea', 'xmp', 'title'];
const RAW_TEXT = new Set(RAW_TEXT_NAMES);

/** What the tree builder knows about an element name. */
interface TagRules {
  implies: Set<string> | null;
  isVoid: boolean;
  /** 1 for svg and math (foreign content), 2 for HTML integration points inside them. */
  context: 0 | 1 | 2;
  rawText: boolean;
}

const PLAIN: TagRules = { implies: null, isVoid: false, context: 0, rawText: false };
const RULES = new Map<string, TagRules>();
for (const name of new Set([...IMPLIES_CLOSE.keys(), ...VOID, ...FOREIGN, ...INTEGRATION, ...RAW_TEXT])) {
  RULES.set(name, {
    implies: IMPLIES_CLOSE.get(name) ?? null,
    isVoid: VOID.has(name),
    context: FOREIGN.has(name) ? 1 : INTEGRATION.has(name) ? 2 : 0,
    rawText: RAW_TEXT.has(name),
  });
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 12 || c === 13;
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Returned by the reading steps when the document ends: the rest is handled by `finish`. */
const STOP = -1;

/**
 * The scanning state. Small methods on one object (rather than one large function with closures)
 * so V8 compiles each quickly: most pages are read before the JIT has warmed up.
 */
class Scanner {
  readonly length: number;
  readonly stack: string[] = [];
  /** Whether `/>` closes an element here: inside svg/math, not in their HTML integration points. */
  readonly foreign: boolean[] = [false];
  readonly attributes: Attributes;
  readonly none: Attributes;
  selfClosing = false;
  /** Start of the text not yet reported. */
  textStart = 0;
  /** Set when the document ends inside a declaration or the like: that tail is text, as written. */
  rawTail = false;

  constructor(
    readonly html: string,
    readonly handler: HtmlHandler,
  ) {
    this.length = html.length;
    this.attributes = new Attributes(html);
    this.none = new Attributes(html);
  }

  run(): void {
    const html = this.html;
    const length = this.length;
    let i = 0;
    while (i < length) {
      const lt = html.indexOf('<', i);
      if (lt === -1 || lt + 1 >= length) break;
      const c = html.charCodeAt(lt + 1);
      if (isAlpha(c)) i = this.startTag(lt);
      else if (c === 47) i = this.endTag(lt);
      else if (c === 33) i = this.declaration(lt);
      else if (c === 63) i = this.processingInstruction(lt);
      else i = lt + 1; // A `<` that starts no tag is text.
      if (i === STOP) break;
    }
    this.flushText(length);
    while (this.stack.length > 0) this.closeTop();
  }

  flushText(end: number): void {
    if (end > this.textStart) this.handler.text(this.textStart, end, this.rawTail ? RAW : TEXT);
  }

  /** Ends the scan with html[from...] as text as written (or nothing when `from` is the end). */
  stopWithTail(from: number): number {
    this.textStart = from;
    this.rawTail = true;
    return STOP;
  }

  /** How many elements of each name are open: an end tag for none is ignored without a search. */
  readonly openCount = new Map<string, number>();

  closeTop(): void {
    const name = this.stack.pop()!;
    this.openCount.set(name, this.openCount.get(name)! - 1);
    this.handler.close(name);
  }

  openElement(name: string, rules: TagRules, attrs: Attributes, closes: boolean): void {
    const stack = this.stack;
    const implied = rules.implies;
    if (implied !== null) {
      while (stack.length > 0 && implied.has(stack[stack.length - 1]!)) this.closeTop();
    }
    if (!rules.isVoid) {
      stack.push(name);
      this.openCount.set(name, (this.openCount.get(name) ?? 0) + 1);
      if (rules.context !== 0) this.foreign.push(rules.context === 1);
    }
    this.handler.open(name, attrs);
    if (rules.isVoid) this.handler.close(name);
    if (closes && this.foreign[this.foreign.length - 1] === true && stack[stack.length - 1] === name) {
      this.closeTop();
    }
  }

  closeElement(name: string): void {
    const rules = RULES.get(name) ?? PLAIN;
    if (rules.context !== 0) this.foreign.pop();
    if (rules.isVoid) {
      if (name === 'br') {
        this.handler.open('br', this.none);
        this.handler.close('br');
      }
      return;
    }
    const at = this.openCount.get(name) ? this.stack.lastIndexOf(name) : -1;
    if (at !== -1) {
      while (this.stack.length > at) this.closeTop();
    } else if (name === 'p') {
      this.openElement('p', RULES.get('p')!, this.none, false);
      this.closeTop();
    }
  }

  /** `<name attributes>`: returns the index after it (and after a raw-text element's text). */
  startTag(lt: number): number {
    const html = this.html;
    const length = this.length;
    let j = lt + 2;
    while (j < length) {
      const d = html.charCodeAt(j);
      if (d === 62 || d === 47 || isSpace(d)) break;
      j++;
    }
    this.flushText(lt);
    if (j >= length) {
      // The document ends inside a tag name: the tag is dropped, unless the name so far could
      // still become a raw-text element's (then the name is text, as htmlparser2 has it).
      const partial = html.slice(lt + 1).toLowerCase();
      return this.stopWithTail(RAW_TEXT_NAMES.some((n) => n.startsWith(partial)) ? lt + 1 : length);
    }
    const name = html.slice(lt + 1, j).toLowerCase();
    const end = this.readAttributes(j);
    if (end === STOP) return this.stopWithTail(length);
    const rules = RULES.get(name) ?? PLAIN;
    const selfClosing = this.selfClosing;
    this.openElement(name, rules, this.attributes.count === 0 ? this.none : this.attributes, selfClosing);
    this.textStart = end;
    if (!rules.rawText || selfClosing) return end;
    const kind = name === 'title' ? TITLE : RAW;
    const textEnd = this.rawTextEnd(end, name);
    if (textEnd === -1) {
      if (length > end) this.handler.text(end, length, kind);
      return this.stopWithTail(length);
    }
    if (textEnd > end) this.handler.text(end, textEnd, kind);
    this.closeElement(name);
    return this.afterEndTag(textEnd + 2 + name.length);
  }

  /** After an end tag's name: skips to its `>`. */
  afterEndTag(from: number): number {
    const gt = this.html.indexOf('>', from);
    // htmlparser2 quirk kept for identical results: then the document's last character is text.
    if (gt === -1) return this.stopWithTail(this.length - 1);
    this.textStart = gt + 1;
    return gt + 1;
  }

  /** `</name ...>`, `</>` (nothing) or `</` and anything else up to `>` (a comment). */
  endTag(lt: number): number {
    const html = this.html;
    const length = this.length;
    let j = lt + 2;
    while (j < length && isSpace(html.charCodeAt(j))) j++;
    this.flushText(lt);
    if (j >= length) return this.stopWithTail(lt);
    const d = html.charCodeAt(j);
    if (d === 62) {
      this.textStart = j + 1;
      return j + 1;
    }
    if (!isAlpha(d)) {
      const gt = html.indexOf('>', j);
      if (gt === -1) return this.stopWithTail(j);
      this.textStart = gt + 1;
      return gt + 1;
    }
    const nameStart = j;
    while (j < length) {
      const e = html.charCodeAt(j);
      if (e === 62 || isSpace(e)) break;
      j++;
    }
    if (j >= length) return this.stopWithTail(length);
    this.closeElement(html.slice(nameStart, j).toLowerCase());
    return this.afterEndTag(j);
  }

  /** `<!--...-->`, `<![CDATA[...]]>` (a comment in HTML) or a declaration such as <!DOCTYPE>. */
  declaration(lt: number): number {
    const html = this.html;
    this.flushText(lt);
    const j = lt + 2;
    let end: number;
    let skip = 3;
    if (html.charCodeAt(j) === 45 && html.charCodeAt(j + 1) === 45) {
      end = html.indexOf('-->', j);
    } else if (html.startsWith('[CDATA[', j)) {
      end = html.indexOf(']]>', j + 7);
    } else {
      end = html.indexOf('>', html.charCodeAt(j) === 45 ? j + 2 : j + 1);
      skip = 1;
      // An unfinished declaration at the end of the document reads as text.
      if (end === -1) return this.stopWithTail(Math.min(j, this.length));
    }
    if (end === -1) return this.stopWithTail(this.length);
    this.textStart = end + skip;
    return end + skip;
  }

  /** `<?...>`. */
  processingInstruction(lt: number): number {
    this.flushText(lt);
    const gt = this.html.indexOf('>', lt + 2);
    if (gt === -1) return this.stopWithTail(lt + 2);
    this.textStart = gt + 1;
    return gt + 1;
  }

  /**
   * Reads the attributes from `from` (just past the tag name); returns the index past `>` (and
   * sets `selfClosing`), or STOP when the document ends inside the tag.
   */
  readAttributes(from: number): number {
    const html = this.html;
    const length = this.length;
    const attributes = this.attributes;
    attributes.count = 0;
    this.selfClosing = false;
    let i = from;
    for (;;) {
      while (i < length && isSpace(html.charCodeAt(i))) i++;
      if (i >= length) return STOP;
      let c = html.charCodeAt(i);
      if (c === 62) return i + 1;
      if (c === 47) {
        i++;
        while (i < length && isSpace(html.charCodeAt(i))) i++;
        if (i >= length) return STOP;
        if (html.charCodeAt(i) === 62) {
          this.selfClosing = true;
          return i + 1;
        }
        continue;
      }
      // An attribute name: its first character is taken whatever it is (even `=`).
      const nameStart = i;
      i++;
      while (i < length) {
        c = html.charCodeAt(i);
        if (c === 61 || c === 62 || c === 47 || isSpace(c)) break;
        i++;
      }
      const nameEnd = i;
      while (i < length && isSpace(html.charCodeAt(i))) i++;
      if (i >= length) return STOP;
      let valueStart = -1;
      let valueEnd = -1;
      if (html.charCodeAt(i) === 61) {
        i++;
        while (i < length && isSpace(html.charCodeAt(i))) i++;
        if (i >= length) return STOP;
        c = html.charCodeAt(i);
        if (c === 34 || c === 39) {
          const close = html.indexOf(c === 34 ? '"' : "'", i + 1);
          if (close === -1) return STOP;
          valueStart = i + 1;
          valueEnd = close;
          i = close + 1;
        } else {
          valueStart = i;
          while (i < length) {
            c = html.charCodeAt(i);
            if (c === 62 || isSpace(c)) break;
            i++;
          }
          if (i >= length) return STOP;
          valueEnd = i;
        }
      }
      attributes.add(nameStart, nameEnd, valueStart, valueEnd);
    }
  }

  /** End of the raw text starting at `from`: the index of `</name` followed by space or `>`. */
  rawTextEnd(from: number, name: string): number {
    const html = this.html;
    let i = from;
    for (;;) {
      const lt = html.indexOf('</', i);
      if (lt === -1) return -1;
      let k = 0;
      while (k < name.length && (html.charCodeAt(lt + 2 + k) | 0x20) === name.charCodeAt(k)) k++;
      if (k === name.length) {
        const after = html.charCodeAt(lt + 2 + k);
        if (after === 62 || isSpace(after)) return lt;
      }
      i = lt + 1;
    }
  }
}

export function scanHtml(html: string, handler: HtmlHandler): void {
  new Scanner(html, handler).run();
}
