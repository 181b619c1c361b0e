import { load } from 'cheerio/slim';

/**
 * The few fields of htmlparser2's DOM (domhandler) nodes the analyzer reads. Declared here so
 * the walk does not depend on a transitive package's types.
 */
export interface DomNode {
  type: string;
  name?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
  data?: string;
}

/**
 * Parses HTML once with htmlparser2 (through cheerio's slim entry, no parse5): a fast,
 * forgiving parser; the whole analysis then walks this tree once.
 */
export function parseHtml(html: string): DomNode {
  const $ = load(html);
  return $.root()[0] as unknown as DomNode;
}

/** The concatenated text below a node (for short elements: title, headings, JSON-LD scripts). */
export function textOf(node: DomNode): string {
  if (node.type === 'text' || node.type === 'cdata') return node.data ?? '';
  if (!node.children) return '';
  let out = '';
  for (const child of node.children) {
    if (child.type === 'text') out += child.data ?? '';
    else if (child.children) out += textOf(child);
  }
  return out;
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
