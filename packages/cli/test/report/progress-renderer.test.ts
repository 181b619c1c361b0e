import type { RunSummary } from '@citebots/sdk';
import { describe, expect, it } from 'vitest';
import {
  createLiveProgressReporter,
  estimateEta,
  formatDuration,
  ProgressRenderer,
  renderProgress,
  watchProgress,
} from '../../src/services/progress-renderer.js';

const start = new Date('2026-11-29T10:00:00Z');

function summary(over: Partial<RunSummary> = {}, done = { perplexity: 10, chatgpt: 4 }): RunSummary {
  const p = (platform: 'perplexity' | 'chatgpt', failed: number) => ({
    platform,
    total: 20,
    completed: done[platform],
    failed,
    pending: 20 - done[platform] - failed - 1,
    processing: 1,
    cancelled: 0,
    costUsd: done[platform] * 0.01,
  });
  const byPlatform = [p('chatgpt', 2), p('perplexity', 0)];
  const counts = {
    total: 40,
    completed: done.perplexity + done.chatgpt,
    failed: 2,
    pending: byPlatform.reduce((n, x) => n + x.pending, 0),
    processing: 2,
    cancelled: 0,
  };
  return {
    id: '7d1c4a52-0000-4000-8000-000000000000',
    clientId: 'c',
    clientName: 'Acme Mail',
    clientDomain: 'acmemail.com',
    batchId: null,
    status: 'running',
    platforms: ['perplexity', 'chatgpt'],
    createdAt: start,
    startedAt: start,
    completedAt: null,
    costUsd: counts.completed * 0.01,
    maxCostUsd: null,
    pausedReason: null,
    counts,
    byPlatform,
    ...over,
  };
}

const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

describe('renderProgress', () => {
  it('plain lines per platform: done, failed, remaining, cost so far and ETA at the pace so far', () => {
    const text = renderProgress(summary(), { tty: false, now: at(60) });
    expect(text).not.toContain('\x1b');
    const lines = text.split('\n');
    expect(lines[0]).toBe('run 7d1c4a52 · Acme Mail · running');
    // perplexity: 10 of 20 done in 60 s → 10 left → 60 s.
    expect(lines).toContain('perplexity: 10/20 done · 0 failed · 10 remaining · $0.1000 · ETA 1m 00s');
    // chatgpt: 4 done + 2 failed in 60 s → 14 left → 140 s.
    expect(lines).toContain('chatgpt: 4/20 done · 2 failed · 14 remaining · $0.0400 · ETA 2m 20s');
    expect(lines[lines.length - 1]).toBe(
      'total: 14/40 done · 2 failed · 24 remaining · $0.1400 · ETA 1m 30s',
    );
  });

  it('a TTY gets a bar per platform sized to the terminal, with the same figures', () => {
    const text = renderProgress(summary(), { tty: true, columns: 120, now: at(60) });
    expect(text).toContain('\x1b[32m');
    const lines = plain(text).split('\n');
    const perplexity = lines.find((l) => l.startsWith('perplexity'))!;
    expect(perplexity).toMatch(/^perplexity █+░+ 10\/20 done/);
    // Half done: as many full cells as empty ones.
    const cells = perplexity.match(/[█░]+/)![0];
    expect(cells.split('█').length - 1).toBe(cells.split('░').length - 1);
    for (const l of lines.slice(1)) expect(l.length).toBeLessThanOrEqual(120);
  });

  it('says done when nothing is left, and no ETA before the first finished item', () => {
    expect(estimateEta({ total: 5, completed: 5, failed: 0, cancelled: 0 }, start, at(10))).toBe(0);
    expect(estimateEta({ total: 5, completed: 0, failed: 0, cancelled: 0 }, start, at(10))).toBeNull();
    expect(formatDuration(3_725_000)).toBe('1h 02m');
    expect(formatDuration(9_400)).toBe('9s');
    const text = renderProgress(summary({}, { perplexity: 0, chatgpt: 0 }), { tty: false, now: at(5) });
    expect(text).toContain('perplexity: 0/20 done · 0 failed · 20 remaining · $0.0000 · ETA –');
  });
});

class Sink {
  chunks: string[] = [];
  isTTY: boolean;
  columns = 100;
  constructor(tty: boolean) {
    this.isTTY = tty;
  }
  write(chunk: string) {
    this.chunks.push(chunk);
    return true;
  }
}

describe('ProgressRenderer', () => {
  it('redraws in place on a TTY (cursor up and clear before each new frame)', () => {
    const sink = new Sink(true);
    const r = new ProgressRenderer(sink);
    r.update(summary(), at(10));
    r.update(summary({}, { perplexity: 11, chatgpt: 4 }), at(11));
    expect(sink.chunks[0]!.includes('F\x1b[J')).toBe(false);
    // Header + two platforms + total = 4 lines to move up over.
    expect(sink.chunks[1]!.startsWith('\x1b[4F\x1b[J')).toBe(true);
  });

  it('without a TTY prints a frame on a status change, at most every interval otherwise, and the last one at done()', () => {
    const sink = new Sink(false);
    const r = new ProgressRenderer(sink, { plainIntervalMs: 5000 });
    r.update(summary(), at(0));
    r.update(summary({}, { perplexity: 11, chatgpt: 4 }), at(1));
    r.update(summary({}, { perplexity: 12, chatgpt: 4 }), at(2));
    expect(sink.chunks).toHaveLength(1);
    r.update(summary({}, { perplexity: 13, chatgpt: 5 }), at(6));
    expect(sink.chunks).toHaveLength(2);
    r.update(
      summary({ status: 'paused', pausedReason: 'cost limit' }, { perplexity: 13, chatgpt: 6 }),
      at(7),
    );
    expect(sink.chunks).toHaveLength(3);
    expect(sink.chunks[2]).toContain('paused (cost limit)');
    r.update(
      summary({ status: 'paused', pausedReason: 'cost limit' }, { perplexity: 14, chatgpt: 6 }),
      at(8),
    );
    expect(sink.chunks).toHaveLength(3);
    r.done(at(8));
    expect(sink.chunks).toHaveLength(4);
    expect(sink.chunks[3]).toContain('perplexity: 14/20 done');
    expect(sink.chunks.join('')).not.toContain('\x1b');
  });
});

describe('watchProgress', () => {
  it('polls until the run finishes and returns the last summary', async () => {
    const frames = [
      summary(),
      summary({}, { perplexity: 15, chatgpt: 10 }),
      summary({ status: 'completed' }, { perplexity: 20, chatgpt: 18 }),
    ];
    let calls = 0;
    const sink = new Sink(false);
    const last = await watchProgress({
      load: async () => frames[Math.min(calls++, 2)]!,
      stream: sink,
      intervalMs: 1,
    });
    expect(last?.status).toBe('completed');
    expect(calls).toBe(3);
    expect(sink.chunks.join('')).toContain('· completed');
  });

  it('stops at once when aborted, and returns null for an unknown run', async () => {
    const controller = new AbortController();
    const sink = new Sink(false);
    const watching = watchProgress({
      load: async () => summary(),
      stream: sink,
      intervalMs: 60_000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 20);
    expect((await watching)?.status).toBe('running');
    expect(await watchProgress({ load: async () => null, stream: sink })).toBeNull();
  });
});

describe('createLiveProgressReporter (for analyze)', () => {
  it('keeps the counts from runner events and draws the last state at finish', () => {
    const sink = new Sink(false);
    const reporter = createLiveProgressReporter({ stream: sink, redrawMs: 0 });
    const base = summary({}, { perplexity: 0, chatgpt: 0 });
    reporter.start(base);
    const ev = { runId: base.id, itemId: 'i', queryId: 'q', attempt: 1 };
    reporter.event({ type: 'item-started', platform: 'perplexity', ...ev });
    reporter.event({ type: 'item-completed', platform: 'perplexity', costUsd: 0.25, resultId: 'r', ...ev });
    reporter.event({ type: 'item-started', platform: 'chatgpt', ...ev });
    reporter.event({ type: 'item-retry', platform: 'chatgpt', delayMs: 10, error: '429', ...ev });
    reporter.event({ type: 'item-started', platform: 'chatgpt', ...ev });
    reporter.event({ type: 'item-failed', platform: 'chatgpt', error: 'bad', ...ev });
    reporter.event({ type: 'run-paused', runId: base.id, reason: 'cost limit reached' });
    const out = sink.chunks.join('');
    expect(out).toContain('paused (cost limit reached)');
    const lastFrame = sink.chunks[sink.chunks.length - 1]!;
    expect(lastFrame).toContain('perplexity: 1/20 done · 0 failed');
    expect(lastFrame).toContain('$0.2500');
    expect(lastFrame).toContain('chatgpt: 0/20 done · 3 failed');
    reporter.finish(summary({ status: 'completed' }, { perplexity: 20, chatgpt: 18 }));
    expect(sink.chunks[sink.chunks.length - 1]).toContain('· completed');
  });
});
