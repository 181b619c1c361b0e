import {
  type ClientProfile,
  InputError,
  loadClientProfile,
  loadQueryList,
  parseInput,
  type QueryInput,
  type RunOptions,
  runOptionsSchema,
} from '@citebots/sdk';
import type { CliConfig } from '../config-file.js';

export interface AnalyzeInputs {
  client: ClientProfile;
  queries: QueryInput[];
  options: RunOptions;
}

export interface AnalyzeFlagValues {
  platform: string;
  client: string;
  queries: string;
  concurrency: number;
  batchId?: string;
  maxCost?: string;
  dailySpendLimitUsd?: number;
}

/** Splits `--platform perplexity,chatgpt` into names. */
export function platformList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

function parseMaxCost(value: string): number {
  const n = Number(value.replace(/^\$/, ''));
  if (!Number.isFinite(n) || n <= 0)
    throw new InputError('--max-cost', [
      {
        field: '',
        value,
        problem: 'is not a positive amount of USD',
        fix: 'pass a number such as --max-cost 5',
      },
    ]);
  return n;
}

/**
 * Reads and validates everything `analyze` needs before anything is written: the client profile,
 * the query list and the run options. Every problem is an InputError naming file, field, value and fix.
 */
export async function loadAnalyzeInputs(flags: AnalyzeFlagValues): Promise<AnalyzeInputs> {
  const client = await loadClientProfile(flags.client);
  const queries = await loadQueryList(flags.queries);
  const options = parseInput(
    runOptionsSchema,
    {
      platforms: platformList(flags.platform),
      concurrency: flags.concurrency,
      batchId: flags.batchId ?? null,
      maxCostUsd: flags.maxCost === undefined ? null : parseMaxCost(flags.maxCost),
      dailySpendLimitUsd: flags.dailySpendLimitUsd ?? null,
    },
    'command-line flags',
  );
  return { client, queries, options };
}

/** Requests per minute per platform from citebots.config.json `platforms.<name>.requestsPerMinute`. */
export function configRequestsPerMinute(config: CliConfig): Record<string, number> {
  return Object.fromEntries(
    Object.entries(config.platforms)
      .filter(([, p]) => typeof p.requestsPerMinute === 'number')
      .map(([name, p]) => [name, p.requestsPerMinute as number]),
  );
}
