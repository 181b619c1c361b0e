import type { ResultHook } from '@citebots/sdk';
import { Flags } from '@oclif/core';

/** Flags shared by `analyze` and `worker` for the cited-page crawl. */
export const crawlFlags = {
  crawl: Flags.boolean({
    description:
      'Fetch and analyse every page the answers cite (page_analyses); a page that fails is recorded, never fatal.',
    default: true,
    allowNo: true,
  }),
  'crawl-allow-host': Flags.string({
    description:
      'Let the crawler reach this private host or CIDR (intranets, local test servers). Repeatable.',
    multiple: true,
  }),
};

export interface CitationHook {
  hook: ResultHook | undefined;
  close(): Promise<void>;
}

/** The citation analyzer as the runner's `afterResult` hook, loaded only when crawling is on. */
export async function createCitationHook(options: {
  enabled: boolean;
  allowHosts?: string[];
}): Promise<CitationHook> {
  if (!options.enabled) return { hook: undefined, close: async () => {} };
  const { createCitationResultHook } = await import('@citebots/citation-analyzer');
  const hook = createCitationResultHook({ crawlerOptions: { allowHosts: options.allowHosts ?? [] } });
  return { hook, close: () => hook.close() };
}
