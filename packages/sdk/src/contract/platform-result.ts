import type { CostBreakdown } from './cost.js';
import type { RateLimitSnapshot } from './rate-limit.js';

/** A page the engine cited in its answer, in the order it cited them. */
export interface Citation {
  url: string;
  title: string | null;
  snippet: string | null;
  /** 1-based position in the answer's citation order. */
  position: number;
  /** Character offsets into `answer` of the span that cites this page, when the engine reports them. */
  startIndex?: number | null;
  endIndex?: number | null;
  /** Publication date the engine reported for the page, when it did. */
  date?: string | null;
}

/** A page the engine consulted (retrieved) without necessarily citing it. */
export interface SourcePage {
  url: string;
  title: string | null;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cachedInputTokens?: number | null;
  reasoningTokens?: number | null;
  /** Web searches the engine ran and billed. */
  searchRequests?: number | null;
}

/** Provider-specific extras, namespaced by platform (`{ perplexity: { relatedQuestions: [...] } }`). */
export type ProviderMetadata = Record<string, Record<string, unknown>>;

/** What one call to an answer engine produced. */
export interface PlatformResult {
  platform: string;
  /** The model that actually answered (the provider's id, which may be a dated snapshot). */
  model: string;
  answer: string;
  citations: Citation[];
  /** Pages consulted, cited or not; empty when the engine does not report them. */
  sources: SourcePage[];
  /** The search queries the engine ran, when it reports them. */
  searchQueries: string[];
  usage: TokenUsage | null;
  cost: CostBreakdown;
  /** The provider's response body, kept for re-analysis. Never contains request headers or keys. */
  raw: unknown;
  providerMetadata: ProviderMetadata;
  rateLimit?: RateLimitSnapshot | null;
  /** The provider's request id, for support tickets. */
  requestId?: string | null;
}
