import { type Handler, Parser } from 'htmlparser2';

/** What `DocumentParser` needs to know from its handler about the elements open now. */
export interface OpenElements extends Partial<Handler> {
  /** How many elements are open. */
  readonly depth: number;
  /** Whether an element of this (lower-case) name is open. */
  isOpen(name: string): boolean;
}

/**
 * End tags that change htmlparser2's state even when no element of their name is open (besides
 * `</p>`, handled apart): `</br>` (a line break), and svg/math and their HTML integration points
 * (the parser's record of where `/>` closes an element).
 */
const END_TAGS_WITH_EFFECT = new Set([
  'br',
  'svg',
  'math',
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

/** Below this depth, htmlparser2's own search of its element stack is cheap. */
const SHALLOW = 64;

/**
 * htmlparser2's streaming `Parser` over one document held in memory (tokenizing, character
 * references and tree rules are all htmlparser2's), with two limits that keep hostile markup
 * linear. htmlparser2 keeps its open elements in an array it searches on every end tag and
 * shifts on every start tag, so its cost grows with the nesting depth:
 * - reading stops before an element would open deeper than `maxDepth` (the handler then closes
 *   what is still open);
 * - on a deep stack, an end tag whose element is not open, and that has no other effect, is
 *   dropped without the search (htmlparser2 would ignore it after searching), and `</p>` with
 *   no paragraph open reports the empty paragraph htmlparser2 would report.
 */
export class DocumentParser extends Parser {
  constructor(
    private readonly document: string,
    private readonly elements: OpenElements,
    private readonly maxDepth: number,
  ) {
    super(elements, { decodeEntities: true });
  }

  /** Parses the whole document (up to the depth limit). */
  parse(): void {
    this.end(this.document);
  }

  override onopentagname(start: number, endIndex: number): void {
    if (this.elements.depth >= this.maxDepth) {
      this.pause();
      return;
    }
    super.onopentagname(start, endIndex);
  }

  override onclosetag(start: number, endIndex: number): void {
    if (this.elements.depth > SHALLOW) {
      // The whole document is one chunk, so the tokenizer's indices are indices into it.
      const name = this.document.slice(start, endIndex).toLowerCase();
      if (!this.elements.isOpen(name)) {
        if (name === 'p') {
          // What htmlparser2 reports for `</p>` with no paragraph open (an empty one), without
          // pushing it onto and shifting it off the deep stack.
          this.elements.onopentag?.('p', {}, true);
          this.elements.onclosetag?.('p', false);
          return;
        }
        if (!END_TAGS_WITH_EFFECT.has(name)) return;
      }
    }
    super.onclosetag(start, endIndex);
  }
}
