import { writeFileSync } from 'node:fs';
import {
  type AnalysisPlatform,
  type GeneratedQuery,
  generateQueries,
  InputError,
  loadClientProfile,
  type QueryGenerationResult,
} from '@citebots/sdk';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { platformList } from '../../services/analyze-inputs.js';
import { assertPlatformsReady, createPlatforms } from '../../services/platform-registry.js';

export interface QueriesGenerateResult extends QueryGenerationResult {
  /** The CSV file written, or null when the queries were printed. */
  out: string | null;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `query,keyword,intent,category`: the columns `analyze --queries` reads. */
export function queriesCsv(queries: readonly GeneratedQuery[]): string {
  const lines = [
    'query,keyword,intent,category',
    ...queries.map((q) => [q.text, q.keyword, q.intent, q.category].map(csvCell).join(',')),
  ];
  return `${lines.join('\n')}\n`;
}

export default class QueriesGenerate extends BaseCommand<typeof QueriesGenerate> {
  static override summary =
    'Write buyer questions for a client from its keywords, tagged by intent and category.';
  static override description =
    "Fills question templates with the client profile's keywords, brand and competitors, de-duplicates them and " +
    'tags each with its keyword, intent and category (non_branded, branded, competitor). With --llm, one call to ' +
    '--platform adds non-branded questions (its API key is required). The CSV is what `analyze --queries` reads.';
  static override examples = [
    '<%= config.bin %> queries generate --client client.json --out queries.csv',
    '<%= config.bin %> queries generate --client client.json --intents comparison,pricing --max 20',
    '<%= config.bin %> queries generate --client client.json --platform perplexity --llm --out queries.csv',
  ];
  static override flags = {
    client: Flags.string({ description: 'Client profile (JSON) with keywords.', required: true }),
    intents: Flags.string({
      description:
        'Intents, comma-separated (recommendation_request, comparison, how_to, definition, pricing, review).',
    }),
    max: Flags.integer({ description: 'Keep at most this many questions.', min: 1, max: 100_000 }),
    out: Flags.string({ char: 'o', description: 'Write the CSV here instead of printing it.' }),
    platform: Flags.string({ char: 'p', description: 'Platform the LLM questions come from (with --llm).' }),
    llm: Flags.boolean({ description: 'Add questions written by an LLM through --platform (one call).' }),
    'llm-count': Flags.integer({
      description: 'Questions to ask the LLM for (default 20).',
      min: 1,
      max: 500,
    }),
    branded: Flags.boolean({
      description: 'Include questions naming the client (--no-branded leaves them out).',
      default: true,
      allowNo: true,
    }),
  };

  public async run(): Promise<QueriesGenerateResult> {
    const f = this.flags;
    if (f.llm && !f.platform) {
      throw new InputError('--llm', [
        {
          field: '',
          value: true,
          problem: 'needs a platform',
          fix: 'add --platform perplexity (or chatgpt, claude, gemini)',
        },
      ]);
    }
    const profile = await loadClientProfile(f.client);
    let platform: AnalysisPlatform | undefined;
    if (f.llm && f.platform) {
      const names = platformList(f.platform);
      if (names.length !== 1) {
        throw new InputError('--platform', [
          {
            field: '',
            value: f.platform,
            problem: 'names more than one platform',
            fix: 'name one, e.g. --platform chatgpt',
          },
        ]);
      }
      const platforms = await createPlatforms(names, { config: this.cliConfig, source: '--platform' });
      assertPlatformsReady(platforms);
      platform = platforms[names[0]!];
      this.note(`Asking ${platform!.displayName} (${platform!.model}) for questions...`);
    }
    const result = await generateQueries(profile, {
      ...(f.intents ? { intents: platformList(f.intents) } : {}),
      ...(f.max ? { limit: f.max } : {}),
      ...(f['llm-count'] ? { llmCount: f['llm-count'] } : {}),
      ...(f.branded ? {} : { includeBranded: false }),
      ...(platform ? { platform } : {}),
    });
    if (result.llm) {
      this.note(
        result.llm.status === 'ok'
          ? `${result.llm.platform}: ${result.llm.added} new questions (cost $${result.llm.costUsd.toFixed(4)}).`
          : `${result.llm.platform} failed (${result.llm.error}); kept the template questions.`,
      );
    }
    const csv = queriesCsv(result.queries);
    if (f.out) {
      writeFileSync(f.out, csv);
      this.note(`Wrote ${result.queries.length} questions to ${f.out}.`);
    } else if (!this.jsonEnabled()) {
      process.stdout.write(csv);
    }
    return { ...result, out: f.out ?? null };
  }
}
