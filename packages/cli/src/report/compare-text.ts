import type { CitationChange, RateDelta, RunComparison } from '@citebots/sdk';
import { pct, pp } from './format.js';

function deltaLine(label: string, d: RateDelta): string {
  const ci = d.ci ? ` (95% CI ${pp(d.ci.lower)} to ${pp(d.ci.upper)})` : '';
  const mark =
    d.delta === null
      ? ''
      : d.significant
        ? d.delta > 0
          ? '  ▲ significant'
          : '  ▼ significant'
        : '  ~ within noise';
  return `  ${label.padEnd(16)} ${pct(d.a.value).padStart(5)} → ${pct(d.b.value).padEnd(5)} ${pp(d.delta).padStart(9)}${ci}${mark}`;
}

function changes(title: string, list: CitationChange[], max = 10): string[] {
  if (list.length === 0) return [];
  const lines = list.slice(0, max).map((c) => {
    const owner = c.isClient ? ' [client]' : c.competitor ? ` [${c.competitor}]` : '';
    return `    ${c.key}${owner} (${c.citationsA} → ${c.citationsB})`;
  });
  if (list.length > max) lines.push(`    … and ${list.length - max} more (see --json)`);
  return [`  ${title} (${list.length}):`, ...lines];
}

/** `citebots compare` for people: the deltas first, then what moved. Plain text, no colours. */
export function comparisonText(c: RunComparison): string {
  const out: string[] = [];
  out.push(
    `${c.client.name}: run ${c.runA.id.slice(0, 8)} (${c.runA.createdAt.slice(0, 10)}) → run ${c.runB.id.slice(0, 8)} (${c.runB.createdAt.slice(0, 10)})`,
  );
  out.push(
    `${c.segment === 'nonBranded' ? 'Non-branded' : 'Branded'} queries; ${c.comparedAnswers} query × platform pairs in both runs.`,
  );
  out.push('');
  out.push(`Overall (n = ${c.overall.answersA} → ${c.overall.answersB} answers)`);
  out.push(deltaLine('Visibility', c.overall.visibility));
  out.push(deltaLine('Share of voice', c.overall.shareOfVoice));
  out.push(deltaLine('Citation share', c.overall.citationShare));
  for (const p of c.byPlatform) {
    out.push('');
    out.push(`${p.platform} (n = ${p.answersA} → ${p.answersB})`);
    out.push(deltaLine('Visibility', p.visibility));
    out.push(deltaLine('Share of voice', p.shareOfVoice));
  }
  out.push('');
  const gained = c.flipped.filter((f) => f.change === 'gained');
  const lost = c.flipped.filter((f) => f.change === 'lost');
  out.push(
    `Queries that flipped: ${gained.length} now mention ${c.client.name}, ${lost.length} no longer do.`,
  );
  for (const f of c.flipped.slice(0, 20))
    out.push(`  ${f.change === 'gained' ? '+' : '-'} [${f.platform}] ${f.query}`);
  if (c.flipped.length > 20) out.push(`  … and ${c.flipped.length - 20} more (see --json)`);
  out.push('');
  out.push('Citations');
  out.push(...changes('domains gained', c.domains.gained));
  out.push(...changes('domains lost', c.domains.lost));
  out.push(...changes('pages gained', c.pages.gained, 5));
  out.push(...changes('pages lost', c.pages.lost, 5));
  if (c.domains.gained.length + c.domains.lost.length + c.pages.gained.length + c.pages.lost.length === 0) {
    out.push('  no domain or page gained or lost');
  }
  out.push('');
  out.push(
    `Intervals: 95% Newcombe intervals of the difference; "within noise" means the interval includes 0.`,
  );
  return `${out.join('\n')}\n`;
}
