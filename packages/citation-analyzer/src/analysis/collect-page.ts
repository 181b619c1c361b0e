import { collapseWhitespace, type DomNode, textOf } from './dom.js';

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

interface WalkState {
  skip: number;
  boilerplate: number;
  main: number;
  svg: number;
  inHead: boolean;
}

export function collectPage(root: DomNode): RawPage {
  const page: RawPage = {
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
  const body: string[] = [];
  const main: string[] = [];
  const state: WalkState = { skip: 0, boilerplate: 0, main: 0, svg: 0, inHead: false };

  const visit = (node: DomNode, depth: number): void => {
    if (node.type === 'text') {
      if (state.skip > 0 || state.boilerplate > 0) return;
      const data = node.data ?? '';
      body.push(data);
      if (state.main > 0) main.push(data);
      return;
    }
    const children = node.children;
    const name = node.name;
    if (!name) {
      if (children && depth < MAX_DEPTH) for (const child of children) visit(child, depth + 1);
      return;
    }
    const attribs = node.attribs ?? {};
    const isSkip = SKIP.has(name);
    const role = attribs.role;
    const isBoilerplate =
      BOILERPLATE.has(name) ||
      (name === 'header' && state.main === 0) ||
      (role !== undefined && BOILERPLATE_ROLES.has(role));
    const isMain = name === 'main' || name === 'article' || role === 'main';
    if (name === 'svg') state.svg++;
    inspect(node, name, attribs, page, state);
    if (isSkip) state.skip++;
    if (isBoilerplate) state.boilerplate++;
    if (isMain) {
      state.main++;
      page.hasMain = true;
    }
    const block = BLOCK.has(name);
    if (block && state.skip === 0) {
      body.push('\n');
      if (state.main > 0) main.push('\n');
    }
    if (children && depth < MAX_DEPTH && name !== 'title' && name !== 'script') {
      for (const child of children) visit(child, depth + 1);
    }
    if (block && state.skip === 0) {
      body.push('\n');
      if (state.main > 0) main.push('\n');
    }
    if (isSkip) state.skip--;
    if (isBoilerplate) state.boilerplate--;
    if (isMain) state.main--;
    if (name === 'svg') state.svg--;
  };

  visit(root, 0);
  page.bodyText = body.join('');
  page.mainText = main.join('');
  return page;
}

function inspect(
  node: DomNode,
  name: string,
  attribs: Record<string, string>,
  page: RawPage,
  state: WalkState,
): void {
  const itemtype = attribs.itemtype;
  if (itemtype) page.itemTypes.push(...itemtype.split(/\s+/).filter(Boolean));
  const itemprop = attribs.itemprop?.toLowerCase();
  if (itemprop === 'datepublished' || itemprop === 'datemodified') {
    const value = attribs.content ?? attribs.datetime ?? null;
    if (value) {
      const key = itemprop === 'datepublished' ? 'published' : 'modified';
      page.itemDates[key] ??= value;
    }
  }
  switch (name) {
    case 'html':
      page.htmlLang ??= attribs.lang?.trim() || attribs['xml:lang']?.trim() || null;
      page.htmlDir ??= attribs.dir?.trim() || null;
      return;
    case 'title':
      if (page.title === null && state.svg === 0) page.title = collapseWhitespace(textOf(node));
      return;
    case 'meta': {
      const content = attribs.content;
      if (content === undefined) return;
      for (const keyAttr of ['property', 'name', 'itemprop', 'http-equiv']) {
        const raw = attribs[keyAttr];
        if (!raw) continue;
        for (const key of raw.toLowerCase().split(/\s+/)) {
          if (key && !page.meta.has(key)) page.meta.set(key, content.trim());
        }
      }
      return;
    }
    case 'link': {
      const rel = (attribs.rel ?? '').toLowerCase().split(/\s+/);
      const href = attribs.href?.trim();
      if (!href) return;
      if (rel.includes('canonical')) page.canonical ??= href;
      if (rel.includes('alternate') && attribs.hreflang) {
        page.hreflang.push({ lang: attribs.hreflang.trim(), href });
      }
      return;
    }
    case 'base':
      if (attribs.href) page.baseHref ??= attribs.href.trim();
      return;
    case 'script':
      if ((attribs.type ?? '').trim().toLowerCase() === 'application/ld+json') page.jsonLd.push(textOf(node));
      return;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
      if (state.skip === 0 && page.headings.length < MAX_HEADINGS) {
        const text = collapseWhitespace(textOf(node));
        if (text) page.headings.push({ level: Number(name[1]), text });
      }
      return;
    case 'a': {
      const href = attribs.href?.trim();
      if (href && page.links.length < MAX_LINKS) {
        page.links.push({ href, rel: (attribs.rel ?? '').toLowerCase(), inContent: state.boilerplate === 0 });
      }
      return;
    }
    case 'img': {
      page.images.total++;
      const alt = attribs.alt;
      if (alt === undefined) page.images.missingAlt++;
      else if (alt.trim() === '') page.images.emptyAlt++;
      else page.images.withAlt++;
      return;
    }
    case 'ul':
    case 'ol':
      if (state.boilerplate === 0 && state.skip === 0) page.lists++;
      return;
    case 'li':
      if (state.boilerplate === 0 && state.skip === 0) page.listItems++;
      return;
    case 'table':
      if (state.boilerplate === 0 && state.skip === 0) page.tables++;
      return;
    case 'details':
      if (state.skip === 0) page.details++;
      return;
    case 'blockquote':
      if (state.boilerplate === 0 && state.skip === 0) page.blockquotes++;
      return;
    case 'q':
      if (state.boilerplate === 0 && state.skip === 0) page.inlineQuotes++;
      return;
    case 'time': {
      const datetime = attribs.datetime?.trim();
      if (datetime) {
        page.times.push({
          datetime,
          pubdate: 'pubdate' in attribs,
          itemprop: attribs.itemprop?.toLowerCase() ?? null,
          inMain: state.main > 0,
        });
      }
      return;
    }
    default:
      return;
  }
}
