import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_KEYS, queries } from './workload.mjs';

/**
 * A promptfoo config asking the same questions of the same three providers (Perplexity Sonar,
 * OpenAI Responses, Anthropic Messages) at the fake server: one call per (question, provider).
 */
export function writePromptfooConfig(fakeUrl, count) {
  const dir = mkdtempSync(join(tmpdir(), 'citebots-bench-promptfoo-'));
  const config = {
    description: 'citebots benchmark: same calls as the runner',
    prompts: ['{{question}}'],
    providers: [
      // promptfoo's perplexity provider ignores apiBaseUrl; Sonar speaks OpenAI chat completions.
      { id: 'openai:chat:sonar', config: { apiBaseUrl: fakeUrl, apiKey: BENCH_KEYS.perplexity } },
      { id: 'openai:responses:gpt-4.1', config: { apiBaseUrl: `${fakeUrl}/v1`, apiKey: BENCH_KEYS.chatgpt } },
      {
        id: 'anthropic:messages:claude-sonnet-4-5',
        config: { apiBaseUrl: fakeUrl, apiKey: BENCH_KEYS.claude, max_tokens: 1024 },
      },
    ],
    tests: queries(count).map((q) => ({ vars: { question: q.text } })),
  };
  const file = join(dir, 'promptfooconfig.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return { dir, file, output: join(dir, 'output.json') };
}

/** Environment that keeps promptfoo local: no telemetry, update checks, sharing, remote features or cache. */
export function promptfooEnv(dir) {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^(OPENAI|ANTHROPIC|PERPLEXITY|PROMPTFOO)_/.test(k)) delete env[k];
  return {
    ...env,
    PROMPTFOO_CONFIG_DIR: join(dir, 'home'),
    PROMPTFOO_DISABLE_TELEMETRY: '1',
    PROMPTFOO_DISABLE_UPDATE: '1',
    PROMPTFOO_DISABLE_SHARING: '1',
    PROMPTFOO_DISABLE_REMOTE_GENERATION: '1',
    PROMPTFOO_CACHE_ENABLED: 'false',
    PROMPTFOO_DISABLE_WAL_MODE: '0',
    NO_COLOR: '1',
    CI: '1',
  };
}
