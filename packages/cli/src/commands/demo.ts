import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createCitationResultHook } from '@citebots/citation-analyzer';
import {
  type AnalysisPlatform,
  ConfigError,
  type Database,
  getRun,
  listRuns,
  openDatabase,
  runWorker,
  submitRun,
} from '@citebots/sdk';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../base-command.js';
import { cliConfigSchema } from '../config-file.js';
import { loadDemoInputs } from '../report/demo-inputs.js';
import { createSimulatedCrawler } from '../report/demo-pages.js';
import { writeRunReport } from '../report/write-report.js';
import { createPlatforms } from '../services/platform-registry.js';
import { ProgressRenderer } from '../services/progress-renderer.js';

export const DEMO_PLATFORMS = ['perplexity', 'chatgpt', 'claude', 'gemini'];
/** Not a secret: the fake server accepts any key. Real keys from the environment are never read by the demo. */
const DEMO_KEY = 'citebots-demo-key-not-a-secret';
const CITED_SITES = ['g2.com', 'capterra.com', 'reddit.com', 'gartner.com', 'forrester.com'];

/** The fake provider lives in @citebots/sdk/testing, loaded only when the demo runs (it needs no vitest outside a test run). */
async function loadFakeProvider() {
  return (await import('@citebots/sdk/testing')).startFakeProviderServer;
}

export interface DemoResult {
  simulated: true;
  runId: string;
  report: string;
  dataDir: string;
  platforms: string[];
  skippedPlatforms: Array<{ platform: string; reason: string }>;
  answers: number;
}

const BANNER =
  'SIMULATED: this demo asks a fake AI engine running on this computer (127.0.0.1). The answers are made up; no real engine is called and no API key is used.';

export default class Demo extends BaseCommand<typeof Demo> {
  static override summary =
    'Try Citebots with no API key: a full analysis against a local fake engine, and its report.';
  static override description =
    'Starts the Citebots fake provider on 127.0.0.1 (its answers are SIMULATED and labelled so), analyses the example ' +
    'client on Perplexity, ChatGPT, Claude and Gemini formats in a separate embedded database (cited pages are simulated too: ' +
    'no web site is fetched), and writes the HTML report. ' +
    'Run it again to see a trend across runs, and `citebots compare` them. Your DATABASE_URL and API keys are never used.';
  static override examples = [
    '<%= config.bin %> demo',
    '<%= config.bin %> demo --dir /tmp/citebots-demo --fresh',
  ];

  static override flags = {
    dir: Flags.string({
      description: 'Folder of the demo database and report.',
      default: join('.citebots', 'demo'),
    }),
    fresh: Flags.boolean({ description: 'Delete the demo folder first (forget earlier demo runs).' }),
    queries: Flags.integer({ description: 'Ask only the first N example queries.', min: 1 }),
    out: Flags.string({ description: 'Report file (default: <dir>/report.html).' }),
  };

  public async run(): Promise<DemoResult> {
    const dir = resolve(this.flags.dir);
    if (this.flags.fresh) await rm(dir, { recursive: true, force: true });
    this.note(BANNER);
    const inputs = loadDemoInputs(this.flags.queries);
    const dataDir = join(dir, 'db');
    this.note(
      `Opening the demo database in ${dataDir} (the first time it is created, which takes a moment)…`,
    );
    const db = await openDatabase({ url: null, dataDir, env: {}, applicationName: 'citebots-demo' });
    try {
      const previous = (await listRuns(db, { limit: 1000 })).length;
      const server = await (await loadFakeProvider())({
        brands: [inputs.client.name, ...inputs.client.competitors.map((c) => c.name)],
        domains: [
          inputs.client.domain,
          ...inputs.client.competitors.flatMap((c) => (c.domain ? [c.domain] : [])),
          ...CITED_SITES,
        ],
        seed: previous,
        label: true,
        rateLimits: { requestsPerMinute: 100_000 },
      });
      try {
        this.note(`Fake engine (SIMULATED answers) listening on ${server.url}`);
        const { platforms, skipped } = await this.demoPlatforms(server.url);
        for (const s of skipped) this.note(`Skipping ${s.platform}: ${s.reason}`);
        const runId = await this.analyse(db, inputs, platforms);
        const out = resolve(this.flags.out ?? join(dir, 'report.html'));
        const written = await writeRunReport(db, runId, { format: 'html', out });
        this.note('');
        this.note(BANNER);
        this.note(`Report: ${out}`);
        this.note(`Open it:  file://${out}`);
        this.note(`More:     citebots report ${runId} --data-dir ${dataDir} --format csv`);
        if (previous > 0)
          this.note(
            `Compare:  citebots compare <earlier run> ${runId} --data-dir ${dataDir}   (citebots runs list --data-dir ${dataDir})`,
          );
        else this.note('Run `citebots demo` again to see the trend across runs in the report.');
        if (!this.jsonEnabled()) this.log(out);
        return {
          simulated: true,
          runId,
          report: out,
          dataDir,
          platforms: Object.keys(platforms),
          skippedPlatforms: skipped,
          answers: written.answers,
        };
      } finally {
        await server.close();
      }
    } finally {
      await db.close();
    }
  }

  /** Each demo platform pointed at the fake server with a dummy key; environment keys are never read (env: {}). */
  private async demoPlatforms(url: string) {
    const platforms: Record<string, AnalysisPlatform> = {};
    const skipped: Array<{ platform: string; reason: string }> = [];
    for (const name of DEMO_PLATFORMS) {
      // Gemini's grounding links point at the fake server's own redirect endpoint.
      const extra = name === 'gemini' ? { redirectHost: new URL(url).host } : {};
      const config = cliConfigSchema.parse({
        platforms: { [name]: { apiKey: DEMO_KEY, baseUrl: url, ...extra } },
      });
      try {
        const created = await createPlatforms([name], { config, env: {} });
        const platform = created[name];
        if (!platform?.validateConfig().ok) throw new Error('its configuration was rejected');
        platforms[name] = platform;
      } catch (error) {
        skipped.push({
          platform: name,
          reason: `the ${name} plugin is not available (${(error as Error).message.split('\n')[0]})`,
        });
      }
    }
    if (Object.keys(platforms).length === 0) {
      throw new ConfigError(
        'demo',
        'No platform plugin could be loaded for the demo.',
        'reinstall @citebots/cli (it ships the perplexity, chatgpt, claude and gemini plugins)',
      );
    }
    return { platforms, skipped };
  }

  private async analyse(
    db: Database,
    inputs: ReturnType<typeof loadDemoInputs>,
    platforms: Record<string, AnalysisPlatform>,
  ) {
    const names = Object.keys(platforms);
    this.note(
      `Analysing ${inputs.client.name} (${inputs.client.domain}): ${inputs.queries.length} queries × ${names.length} platforms (${names.join(', ')})…`,
    );
    const { run } = await submitRun(db, {
      client: inputs.client,
      queries: inputs.queries,
      options: {
        platforms: names,
        concurrency: 8,
        testMode: true,
        // The fake engine has no rate limit: do not pace the demo like a real account.
        requestsPerMinute: Object.fromEntries(names.map((n) => [n, 6000])),
      },
    });
    const renderer = new ProgressRenderer(process.stderr);
    let drawing = Promise.resolve();
    let lastDraw = 0;
    const redraw = (force = false) => {
      const now = Date.now();
      if (!force && now - lastDraw < 150) return;
      lastDraw = now;
      drawing = drawing.then(async () => {
        const s = await getRun(db, run.id);
        if (s) renderer.update(s);
      });
    };
    // The cited pages are analysed as in a real run, from simulated pages: the demo fetches no web site.
    const pages = createCitationResultHook({ crawler: createSimulatedCrawler() });
    await runWorker({
      db,
      platforms,
      runId: run.id,
      stopWhenIdle: true,
      concurrency: 8,
      pollMs: 50,
      afterResult: pages,
      onEvent: (e) => {
        if (e.type === 'item-completed' || e.type === 'item-failed') redraw();
      },
    });
    pages.forgetRun(run.id);
    await pages.close();
    await drawing;
    redraw(true);
    await drawing;
    renderer.done();
    return run.id;
  }
}
