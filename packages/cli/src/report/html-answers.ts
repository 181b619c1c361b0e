import type { ReportAnswer, RunReport } from '@citebots/sdk';
import { escapeHtml } from './escape-html.js';
import { badge, highlight } from './html-helpers.js';

function sentimentBadge(s: ReportAnswer['sentiment']): string {
  if (s === 'positive') return badge('positive', 'pos');
  if (s === 'negative') return badge('negative', 'neg');
  if (s === 'neutral') return badge('neutral', 'neu');
  return '';
}

function answerRow(a: ReportAnswer, terms: string[]): string {
  const excerpt = a.excerpts.length
    ? a.excerpts.map((e) => `<p>${highlight(e, terms)}</p>`).join('')
    : `<p class="note">${escapeHtml(a.opening)}</p>`;
  const mention = a.mentioned
    ? badge(a.mentionType === 'citation' ? 'cited only' : 'mentioned', 'yes')
    : badge('not mentioned', 'no');
  return [
    `<tr data-platform="${escapeHtml(a.platform)}" data-mentioned="${a.mentioned ? 'yes' : 'no'}">`,
    `<td>${escapeHtml(a.query)}${a.branded ? ` ${badge('branded', 'neu')}` : ''}${a.category ? `<br><span class="note">${escapeHtml(a.category)}</span>` : ''}</td>`,
    `<td>${escapeHtml(a.platform)}</td>`,
    `<td>${mention} ${sentimentBadge(a.sentiment)}</td>`,
    `<td class="num">${a.rank === null ? '–' : `#${a.rank}`}</td>`,
    `<td>${escapeHtml(a.competitorsMentioned.join(', ') || '–')}</td>`,
    `<td class="num">${a.citations.length}${a.citations.some((c) => c.isClient) ? ` ${badge('client', 'client')}` : ''}</td>`,
    `<td class="excerpt">${excerpt}</td>`,
    '</tr>',
  ].join('');
}

export function answersTableHtml(report: RunReport): string {
  const terms = [report.client.name, ...(report.client.domain ? [report.client.domain] : [])];
  const platforms = [...new Set(report.answers.map((a) => a.platform))].sort();
  const toolbar = [
    '<div class="toolbar">',
    '<input id="answer-filter" type="search" placeholder="Filter queries and answers" aria-label="Filter answers">',
    '<select id="platform-filter" aria-label="Platform"><option value="">All platforms</option>',
    ...platforms.map((p) => `<option value="${escapeHtml(p)}">${escapeHtml(p)}</option>`),
    '</select>',
    '<select id="mention-filter" aria-label="Mentioned"><option value="">Mentioned or not</option><option value="yes">Mentioned</option><option value="no">Not mentioned</option></select>',
    `<span class="note" id="answer-count">${report.answers.length} answers</span>`,
    '</div>',
  ].join('');
  const rows = report.answers.map((a) => answerRow(a, terms)).join('');
  const failures = report.failures.length
    ? `<h3>Failed (${report.failures.length})</h3><table><thead><tr><th>Query</th><th>Platform</th><th>Error</th></tr></thead><tbody>${report.failures
        .map(
          (f) =>
            `<tr><td>${escapeHtml(f.query ?? f.queryId ?? '')}</td><td>${escapeHtml(f.platform ?? '')}</td><td class="note">${escapeHtml((f.error ?? '').slice(0, 300))}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '';
  return `${toolbar}<table id="answers"><thead><tr><th>Query</th><th>Platform</th><th>Client</th><th class="num">Rank</th><th>Competitors named</th><th class="num">Citations</th><th>What the answer says</th></tr></thead><tbody>${rows}</tbody></table>${failures}`;
}

/** The only script in the report: filters the answer table. It reads the DOM, never report data. */
export const FILTER_SCRIPT = `
(function(){
  var q=document.getElementById('answer-filter'),p=document.getElementById('platform-filter'),m=document.getElementById('mention-filter'),c=document.getElementById('answer-count');
  if(!q||!p||!m)return;
  var rows=Array.prototype.slice.call(document.querySelectorAll('#answers tbody tr'));
  function apply(){
    var t=q.value.toLowerCase(),n=0;
    rows.forEach(function(r){
      var ok=(!t||r.textContent.toLowerCase().indexOf(t)>=0)&&(!p.value||r.getAttribute('data-platform')===p.value)&&(!m.value||r.getAttribute('data-mentioned')===m.value);
      r.hidden=!ok;if(ok)n++;
    });
    c.textContent=n+' of '+rows.length+' answers';
  }
  q.addEventListener('input',apply);p.addEventListener('change',apply);m.addEventListener('change',apply);
})();
`;
