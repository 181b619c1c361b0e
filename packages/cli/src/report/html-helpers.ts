import type { Rate } from '@citebots/sdk';
import { escapeHtml, safeHref } from './escape-html.js';
import { intervalText, pct } from './format.js';

/** A tagged template's pieces joined; values must already be escaped HTML. */
export function join(parts: Array<string | false | null | undefined>): string {
  return parts.filter((p): p is string => typeof p === 'string').join('');
}

/** Escapes the text and wraps every case-insensitive occurrence of a term in <mark>. */
export function highlight(text: string, terms: string[]): string {
  const usable = terms.map((t) => t.trim()).filter((t) => t.length >= 2);
  if (usable.length === 0) return escapeHtml(text);
  const pattern = new RegExp(usable.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'giu');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    out += `${escapeHtml(text.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** A link for an http(s) URL (rel=noopener, no referrer), plain escaped text for anything else. */
export function link(url: string, text = url): string {
  const href = safeHref(url);
  if (!href) return `<span class="url">${escapeHtml(text)}</span>`;
  return `<a class="url" href="${escapeHtml(href)}" rel="noopener noreferrer nofollow" target="_blank">${escapeHtml(text)}</a>`;
}

export function badge(text: string, kind: string): string {
  return `<span class="badge b-${kind}">${escapeHtml(text)}</span>`;
}

export function ownerBadge(isClient: boolean, competitor: string | null): string {
  if (isClient) return badge('client', 'client');
  if (competitor) return badge(competitor, 'comp');
  return '';
}

/** A rate as a table cell: value, then its interval in small print. */
export function rateCell(rate: Rate): string {
  if (rate.value === null) return '<td class="num">–</td>';
  return `<td class="num" title="95% CI ${escapeHtml(intervalText(rate.ci))}, n = ${rate.n}">${pct(rate.value)} <span class="note">${escapeHtml(intervalText(rate.ci))}</span></td>`;
}

export function section(id: string, title: string, body: string, intro?: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>${intro ? `<p class="note">${escapeHtml(intro)}</p>` : ''}${body}</section>`;
}
