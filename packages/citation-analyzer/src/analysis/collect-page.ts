import { DocumentParser, type OpenElements } from './document-parser.js';

export interface RawHeading {
  level: number;
  text: string;
}

export interface RawLink {
  href: string;
  rel: string;
  inContent: boolean;
}

export interface RawTime {
  datetime: string;
  pubdate: boolean;
  itemprop: string | null;
  inMain: boolean;
}

/** Everything the analysis needs, gathered in one walk over the parsed document. */
export interface RawPage {
  htmlLang: string | null;
  htmlDir: string | null;
  title: string | null;
  /** meta name/property/itemprop/http-equiv (lower-cased, spaces removed) → first content. */
  meta: Map<string, string>;
  canonical: string | null;
  baseHref: string | null;
  hreflang: Array<{ lang: string; href: string }>;
  jsonLd: string[];
  itemTypes: string[];
  itemDates: { published: string | null; modified: string | null };
  headings: RawHeading[];
  links: RawLink[];
  images: { total: number; withAlt: number; emptyAlt: number; missingAlt: number };
  lists: number;
  listItems: number;
  tables: number;
  details: number;
  blockquotes: number;
  inlineQuotes: number;
  times: RawTime[];
  /** Visible text outside boilerplate (nav, header, footer, aside, scripts...). */
  bodyText: string;
  /** Visible text inside main / article / [role=main]. */
  mainText: string;
  hasMain: boolean;
}

const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'select',
  'button',
  'head',
]);
const BOILERPLATE = new Set(['nav', 'footer', 'aside', 'form', 'dialog']);
const BOILERPLATE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'td',
  'th',
  'table',
  'section',
  'article',
  'main',
  'header',
  'blockquote',
  'pre',
  'figure',
  'figcaption',
  'details',
  'summary',
  'hr',
]);
const MAX_DEPTH = 1500;
const MAX_HEADINGS = 200;
const MAX_LINKS = 5000;

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** What an open element changed, undone when it closes. */
const F_SKIP = 1;
const F_BOILERPLATE = 2;
const F_MAIN = 4;
const F_SVG = 8;
const F_BLOCK = 16;
const F_OPAQUE = 32;
const F_COLLECT = 64;

/** What the walk needs to know about an element name, in one lookup. */
const E_SKIP = 1;
const E_BOILERPLATE = 2;
const E_BLOCK = 4;
const E_MAIN = 8;
const E_INSPECT = 16;
const E_OPAQUE = 32;
const E_HEADER = 64;
const E_SVG = 128;
const INSPECTED = [
  'html',
  'title',
  'meta',
  'link',
  'base',
  'script',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'img',
  'ul',
  'ol',
  'li',
  'table',
  'details',
  'blockquote',
  'q',
  'time',
];
const ELEMENTS = new Map<string, number>();
function mark(names: Iterable<string>, bit: number): void {
  for (const name of names) ELEMENTS.set(name, (ELEMENTS.get(name) ?? 0) | bit);
}
mark(SKIP, E_SKIP);
mark(BOILERPLATE, E_BOILERPLATE);
mark(BLOCK, E_BLOCK);
mark(['main', 'article'], E_MAIN);
mark(INSPECTED, E_INSPECT);
mark(['title', 'script'], E_OPAQUE);
mark(['header'], E_HEADER);
mark(['svg'], E_SVG);

/** An element's attributes as htmlparser2 reports them: names lower-cased, first of a name kept, values decoded. */
type Attributes = Record<string, string>;

type Collector =
  | { kind: 'title'; parts: string[] }
  | { kind: 'heading'; parts: string[]; heading: { level: number; text: string } }
  | { kind: 'json-ld'; parts: string[] };

/**
 * Gathers the page in one streaming pass of htmlparser2's `Parser` (no DOM is built): the parser
 * reports elements opening and closing with HTML's implied end tags, void and raw-text elements,
 * and decoded text and attribute values; the collector's own stack of what each open element
 * changed decides what is boilerplate, skipped or main content. The text of a title, heading or
 * JSON-LD script is all the text below it; its children are not otherwise visited for title and
 * script.
 */
class PageCollector implements OpenElements {
  readonly page: RawPage = {
    htmlLang: null,
    htmlDir: null,
    title: null,
    meta: new Map(),
    canonical: null,
    baseHref: null,
    hreflang: [],
    jsonLd: [],
    itemTypes: [],
    itemDates: { published: null, modified: null },
    headings: [],
    links: [],
    images: { total: 0, withAlt: 0, emptyAlt: 0, missingAlt: 0 },
    lists: 0,
    listItems: 0,
    tables: 0,
    details: 0,
    blockquotes: 0,
    inlineQuotes: 0,
    times: [],
    bodyText: '',
    mainText: '',
    hasMain: false,
  };
  readonly body: string[] = [];
  readonly main: string[] = [];
  /** Headings in document order; those whose text turns out empty are dropped at the end. */
  readonly headings: Array<{ level: number; text: string }> = [];
  headingCount = 0;
  readonly flags: number[] = [];
  readonly collectors: Collector[] = [];
  skip = 0;
  boilerplate = 0;
  mainDepth = 0;
  svg = 0;
  /** Open title and script elements: what is inside them is text for them only. */
  opaque = 0;

  /** How many elements of each name are open. */
  readonly openNames = new Map<string, number>();

  get depth(): number {
    return this.flags.length;
  }

  isOpen(name: string): boolean {
    return (this.openNames.get(name) ?? 0) > 0;
  }

  onopentag(name: string, attributes: Attributes): void {
    this.openNames.set(name, (this.openNames.get(name) ?? 0) + 1);
    const kind = ELEMENTS.get(name) ?? 0;
    const special =
      attributes.role !== undefined || attributes.itemtype !== undefined || attributes.itemprop !== undefined;
    if (kind === 0 && !special) {
      // Most elements (span, em, b...): nothing to record or undo.
      this.flags.push(0);
      return;
    }
    let flags = 0;
    if (this.flags.length >= MAX_DEPTH || this.opaque > 0) {
      if (kind & E_OPAQUE) {
        this.opaque++;
        flags |= F_OPAQUE;
      }
      this.flags.push(flags);
      return;
    }
    const role = attributes.role;
    const isBoilerplate =
      (kind & E_BOILERPLATE) !== 0 ||
      ((kind & E_HEADER) !== 0 && this.mainDepth === 0) ||
      (role !== undefined && BOILERPLATE_ROLES.has(role));
    const isMain = (kind & E_MAIN) !== 0 || role === 'main';
    if (kind & E_SVG) {
      this.svg++;
      flags |= F_SVG;
    }
    if (special) this.microdata(attributes);
    if (kind & E_INSPECT && this.inspect(name, attributes)) flags |= F_COLLECT;
    if (kind & E_SKIP) {
      this.skip++;
      flags |= F_SKIP;
    }
    if (isBoilerplate) {
      this.boilerplate++;
      flags |= F_BOILERPLATE;
    }
    if (isMain) {
      this.mainDepth++;
      this.page.hasMain = true;
      flags |= F_MAIN;
    }
    if (kind & E_BLOCK && this.skip === 0) {
      flags |= F_BLOCK;
      this.body.push('\n');
      if (this.mainDepth > 0) this.main.push('\n');
    }
    if (kind & E_OPAQUE) {
      this.opaque++;
      flags |= F_OPAQUE;
    }
    this.flags.push(flags);
  }

  onclosetag(name: string): void {
    this.openNames.set(name, (this.openNames.get(name) ?? 0) - 1);
    this.pop();
  }

  private pop(): void {
    // At the end of a document cut inside a start tag, htmlparser2 also closes that element,
    // which it never reported as open: then there is nothing left to close.
    const flags = this.flags.pop();
    if (flags === undefined || flags === 0) return;
    if (flags & F_OPAQUE) this.opaque--;
    if (flags & F_COLLECT) this.finish(this.collectors.pop()!);
    if (flags & F_BLOCK) {
      this.body.push('\n');
      if (this.mainDepth > 0) this.main.push('\n');
    }
    if (flags & F_SKIP) this.skip--;
    if (flags & F_BOILERPLATE) this.boilerplate--;
    if (flags & F_MAIN) this.mainDepth--;
    if (flags & F_SVG) this.svg--;
  }

  /** Text, already decoded (htmlparser2 reports a run of text in pieces around character references). */
  ontext(data: string): void {
    const counted =
      this.skip === 0 && this.boilerplate === 0 && this.opaque === 0 && this.flags.length < MAX_DEPTH;
    if (!counted && this.collectors.length === 0) return;
    if (counted) {
      this.body.push(data);
      if (this.mainDepth > 0) this.main.push(data);
    }
    for (const collector of this.collectors) collector.parts.push(data);
  }

  private finish(collector: Collector): void {
    const text = collector.parts.join('');
    if (collector.kind === 'title') {
      this.page.title ??= collapseWhitespace(text);
    } else if (collector.kind === 'heading') {
      collector.heading.text = collapseWhitespace(text);
      if (!collector.heading.text) this.headingCount--;
    } else {
      this.page.jsonLd.push(text);
    }
  }

  /** Microdata types and dates, on any element. */
  private microdata(attributes: Attributes): void {
    const page = this.page;
    const itemtype = attributes.itemtype;
    if (itemtype) page.itemTypes.push(...itemtype.split(/\s+/).filter(Boolean));
    const itemprop = attributes.itemprop?.toLowerCase();
    if (itemprop === 'datepublished' || itemprop === 'datemodified') {
      const value = attributes.content ?? attributes.datetime ?? null;
      if (value) {
        const key = itemprop === 'datepublished' ? 'published' : 'modified';
        page.itemDates[key] ??= value;
      }
    }
  }

  /**
   * Records what the element says; true when it starts collecting its text. Head elements and
   * other rare cases are methods of their own: calls that run rarely are not inlined by the JIT,
   * which keeps this hot switch cheap to compile.
   */
  private inspect(name: string, attributes: Attributes): boolean {
    const page = this.page;
    switch (name) {
      case 'a':
        this.link(attributes);
        return false;
      case 'li':
        if (this.boilerplate === 0 && this.skip === 0) page.listItems++;
        return false;
      case 'img':
        this.image(attributes);
        return false;
      case 'ul':
      case 'ol':
        if (this.boilerplate === 0 && this.skip === 0) page.lists++;
        return false;
      case 'h1':
      case 'h2':
      case 'h3':
      case 'h4':
      case 'h5':
      case 'h6':
        return this.heading(name);
      case 'meta':
        this.meta(attributes);
        return false;
      case 'link':
        this.headLink(attributes);
        return false;
      case 'script':
        return this.script(attributes);
      case 'table':
        if (this.boilerplate === 0 && this.skip === 0) page.tables++;
        return false;
      case 'details':
        if (this.skip === 0) page.details++;
        return false;
      case 'blockquote':
        if (this.boilerplate === 0 && this.skip === 0) page.blockquotes++;
        return false;
      case 'q':
        if (this.boilerplate === 0 && this.skip === 0) page.inlineQuotes++;
        return false;
      case 'time':
        this.time(attributes);
        return false;
      case 'title':
        return this.title();
      case 'html':
        this.root(attributes);
        return false;
      case 'base':
        this.base(attributes);
        return false;
      default:
        return false;
    }
  }

  private link(attributes: Attributes): void {
    const page = this.page;
    const href = attributes.href?.trim();
    if (href && page.links.length < MAX_LINKS) {
      page.links.push({
        href,
        rel: (attributes.rel ?? '').toLowerCase(),
        inContent: this.boilerplate === 0,
      });
    }
  }

  private image(attributes: Attributes): void {
    const images = this.page.images;
    images.total++;
    const alt = attributes.alt;
    if (alt === undefined) images.missingAlt++;
    else if (alt.trim() === '') images.emptyAlt++;
    else images.withAlt++;
  }

  private heading(name: string): boolean {
    if (this.skip > 0 || this.headingCount >= MAX_HEADINGS) return false;
    const heading = { level: name.charCodeAt(1) - 48, text: '' };
    this.headings.push(heading);
    this.headingCount++;
    this.collectors.push({ kind: 'heading', parts: [], heading });
    return true;
  }

  private meta(attributes: Attributes): void {
    const page = this.page;
    const content = attributes.content;
    if (content === undefined) return;
    for (const keyAttr of ['property', 'name', 'itemprop', 'http-equiv']) {
      const raw = attributes[keyAttr];
      if (!raw) continue;
      for (const key of raw.toLowerCase().split(/\s+/)) {
        if (key && !page.meta.has(key)) page.meta.set(key, content.trim());
      }
    }
  }

  private headLink(attributes: Attributes): void {
    const page = this.page;
    const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/);
    const href = attributes.href?.trim();
    if (!href) return;
    if (rel.includes('canonical')) page.canonical ??= href;
    const hreflang = attributes.hreflang;
    if (rel.includes('alternate') && hreflang) page.hreflang.push({ lang: hreflang.trim(), href });
  }

  private script(attributes: Attributes): boolean {
    if ((attributes.type ?? '').trim().toLowerCase() !== 'application/ld+json') return false;
    this.collectors.push({ kind: 'json-ld', parts: [] });
    return true;
  }

  private time(attributes: Attributes): void {
    const datetime = attributes.datetime?.trim();
    if (!datetime) return;
    this.page.times.push({
      datetime,
      pubdate: attributes.pubdate !== undefined,
      itemprop: attributes.itemprop?.toLowerCase() ?? null,
      inMain: this.mainDepth > 0,
    });
  }

  private title(): boolean {
    if (this.page.title !== null || this.svg > 0) return false;
    this.collectors.push({ kind: 'title', parts: [] });
    return true;
  }

  private root(attributes: Attributes): void {
    const page = this.page;
    page.htmlLang ??= attributes.lang?.trim() || attributes['xml:lang']?.trim() || null;
    page.htmlDir ??= attributes.dir?.trim() || null;
  }

  private base(attributes: Attributes): void {
    const href = attributes.href;
    if (href) this.page.baseHref ??= href.trim();
  }

  /** Closes what a stopped parse left open (a finished parse has closed everything). */
  end(): void {
    while (this.flags.length > 0) this.pop();
  }
}

/** Reads the HTML once and gathers everything the analysis needs. */
export function collectPage(html: string): RawPage {
  const collector = new PageCollector();
  // A document nested deeper than MAX_DEPTH is read up to there: nothing deeper is collected.
  new DocumentParser(html, collector, MAX_DEPTH).parse();
  collector.end();
  const page = collector.page;
  page.headings = collector.headings.filter((h) => h.text !== '');
  page.bodyText = collector.body.join('');
  page.mainText = collector.main.join('');
  return page;
}
