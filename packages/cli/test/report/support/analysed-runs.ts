import chatgpt from '@citebots/plugin-chatgpt';
import perplexity from '@citebots/plugin-perplexity';
import type { AnalysisPlatform, ClientProfile, Database } from '@citebots/sdk';
import { parseClientProfile, runWorker, submitRun, toQueryInputs } from '@citebots/sdk';
import { startFakeProviderServer } from '@citebots/sdk/testing';

/** A competitor whose name is markup: it reaches the answers, the charts and every table. */
export const HOSTILE_NAME = 'Evil <img src=x onerror="window.__pwned=1"> Co';
export const HOSTILE_ANSWER =
  '<script>window.__pwned=2</script>Acme Mail is fine. <img src="http://203.0.113.9/x.png" onerror="window.__pwned=3"> =HYPERLINK("http://evil")';

export const client: ClientProfile = parseClientProfile({
  name: 'Acme Mail',
  domain: 'acmemail.com',
  competitors: [
    { name: 'Postbird', domain: 'postbird.io' },
    { name: 'Sendwell', domain: 'sendwell.com' },
    { name: HOSTILE_NAME, domain: 'evil.example' },
  ],
});

const queries = toQueryInputs([
  { text: 'What is the best email builder for enterprise teams?', category: 'discovery' },
  { text: 'Which email tools integrate with Marketo?', category: 'integration' },
  { text: 'Acme Mail vs Postbird: which is better?', category: 'comparison' },
  { text: 'How can marketers build emails without HTML?', category: 'discovery' },
  { text: 'Best <svg onload="window.__pwned=4"> email template tool?', category: 'discovery' },
]);

export interface AnalysedRuns {
  runIds: string[];
  client: ClientProfile;
}

function platformsFor(url: string): Record<string, AnalysisPlatform> {
  const config = { apiKey: 'test-key-fake-server', baseUrl: url };
  return { perplexity: perplexity.create(config, {}), chatgpt: chatgpt.create(config, {}) };
}

/**
 * Real analyses against the fake provider server (one run per seed, so the runs differ), plus a
 * hostile answer and page analyses inserted as rows (in the last run).
 */
export async function createAnalysedRuns(
  db: Database,
  seeds: number[] = [1, 2],
  options: { clientNotNamedIn?: number[] } = {},
): Promise<AnalysedRuns> {
  const runIds: string[] = [];
  for (const [index, seed] of seeds.entries()) {
    // In the runs listed, the engine neither names the client nor cites its domain.
    const named = !options.clientNotNamedIn?.includes(index);
    const server = await startFakeProviderServer({
      brands: [...(named ? [client.name] : []), ...client.competitors.map((c) => c.name)],
      domains: [...(named ? ['acmemail.com'] : []), 'postbird.io', 'sendwell.com', 'g2.com', 'reddit.com'],
      seed,
      rateLimits: { requestsPerMinute: 100_000 },
    });
    try {
      const { run } = await submitRun(db, {
        client,
        queries,
        options: {
          platforms: ['perplexity', 'chatgpt'],
          requestsPerMinute: { perplexity: 6000, chatgpt: 6000 },
        },
      });
      await runWorker({
        db,
        platforms: platformsFor(server.url),
        runId: run.id,
        stopWhenIdle: true,
        concurrency: 4,
        pollMs: 20,
      });
      runIds.push(run.id);
    } finally {
      await server.close();
    }
  }
  await addHostileRows(db, runIds[runIds.length - 1]!);
  return { runIds, client };
}

async function addHostileRows(db: Database, runId: string): Promise<void> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO analysis_queries (analysis_run_id, query_id, query_text, query_category, platform, model, model_response, citations, status)
     VALUES ($1, 'hostile', $2, 'discovery', 'perplexity', 'sonar', $3, $4::jsonb, 'completed') RETURNING id`,
    [
      runId,
      'Is <b>Acme Mail</b> "safe"?',
      HOSTILE_ANSWER,
      JSON.stringify([
        { url: 'javascript:window.__pwned=5', title: '<script>window.__pwned=6</script>' },
        { url: 'https://acmemail.com/pricing', title: 'Acme Mail pricing' },
      ]),
    ],
  );
  const page = (url: string, extra: Record<string, unknown>) =>
    db.query(
      `INSERT INTO page_analyses (query_id, citation_url, domain_name, page_title, is_client_domain, http_status, word_count,
         technical_seo, on_page_seo, crawl_error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`,
      [
        row!.id,
        url,
        new URL(url).hostname,
        extra.title ?? null,
        extra.isClient ?? false,
        extra.status ?? 200,
        extra.words ?? null,
        JSON.stringify(extra.tech ?? {}),
        JSON.stringify(extra.onPage ?? {}),
        extra.error ?? null,
      ],
    );
  await page('https://acmemail.com/pricing', {
    title: 'Acme Mail pricing <script>window.__pwned=7</script>',
    isClient: true,
    words: 180,
    tech: { indexable: false, robots: { noindex: true }, https: true, structuredData: { types: [] } },
    onPage: { metaDescription: null, h1: [] },
  });
  await page('https://g2.com/categories/email', {
    title: 'Best email tools',
    words: 2400,
    tech: { structuredData: { types: ['Product'] } },
  });
  await page('https://reddit.com/r/email', { status: null, error: 'timeout: no answer in 15 s' });
}
