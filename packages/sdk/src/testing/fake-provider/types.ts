/** The wire formats the fake provider server speaks. */
export type FakeProviderKind = 'perplexity' | 'openai-responses' | 'openai-chat' | 'anthropic' | 'gemini';

/**
 * Misbehaviours the server can inject instead of a normal answer. `timeout` holds the request without
 * answering; `auth` answers with the provider's authentication error (only when asked for by name).
 */
export type FaultKind = '429' | '500' | '529' | 'reset' | 'timeout' | 'malformed' | 'quota' | 'auth';

/** What the server knows about a request when it decides latency, faults and poison. */
export interface FakeRequestContext {
  provider: FakeProviderKind;
  method: string;
  path: string;
  /** The API key the caller sent (`anonymous` when none). */
  apiKey: string;
  model: string;
  /** The question: the text of the last user message. */
  question: string;
  /** 1-based number of this request on the server since start or `reset()`. */
  sequence: number;
  /** 1-based number of this request for its API key. */
  keySequence: number;
  /** The parsed JSON body (null when it did not parse). */
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export type LatencyOption =
  | { fixedMs: number }
  | { minMs: number; maxMs: number }
  | ((context: FakeRequestContext) => number);

export interface FakeRateLimitOptions {
  requestsPerMinute: number;
  /** Count each API key separately (default true); false shares one limit between all callers. */
  perKey?: boolean;
  /** Length of the window in milliseconds (default 60,000); the limit is `requestsPerMinute` per window. */
  windowMs?: number;
}

export interface FakeFaultOptions {
  /** Share of requests (0..1) that misbehave. */
  rate: number;
  /** The kinds to pick from, uniformly (default all but `auth`). */
  kinds?: FaultKind[];
  /** Seed of the fault sequence (default 1). */
  seed?: number;
}

export interface FakeProviderServerOptions {
  /** Port on 127.0.0.1 (default 0: any free port). */
  port?: number;
  /** Brands the answers mention (some answers mention a few, as a numbered list or prose). */
  brands?: string[];
  /**
   * Domains the answers cite (`g2.com`), or base URLs (`http://127.0.0.1:4100/pages`) so that a
   * crawler can fetch the cited pages from a local server.
   */
  domains?: string[];
  /** Add a sentence saying the answer is simulated (default true). A marker field is always added. */
  label?: boolean;
  /** Mixed into every answer's seed, so two servers can give different answers (default 0). */
  seed?: number;
  latency?: LatencyOption;
  rateLimits?: FakeRateLimitOptions;
  faults?: FakeFaultOptions | ((context: FakeRequestContext) => FaultKind | null | undefined);
  /** Requests for which this returns true always get a body that crashes parsing. */
  poison?: (context: FakeRequestContext) => boolean;
  /** When set, only these API keys are accepted; others get the provider's authentication error. */
  validKeys?: string[];
  /**
   * Echo the caller's API key in authentication error messages (as some providers partly do),
   * to prove that a plugin redacts provider messages. Default false.
   */
  echoKeyInErrors?: boolean;
  /** How long a `timeout` fault holds the request before dropping the connection (default 120,000 ms). */
  timeoutFaultMs?: number;
  /** Keep the last N requests (method, path, key, parsed body) in `stats().requests` (default 0). */
  recordRequests?: number;
}

export interface FakeKeyStats {
  requests: number;
  /** Requests answered 429 by the server's rate limiter (not injected faults). */
  rateLimited: number;
  /**
   * Most requests that arrived from this key within any sliding window of `windowMs`, rejected ones
   * included: with a limit of N, `maxPerWindow <= N` and `rateLimited === 0` prove the caller kept to it.
   */
  maxPerWindow: number;
  /** Most requests in flight at once for this key. */
  maxInFlight: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  provider: FakeProviderKind | null;
  apiKey: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface FakeProviderStats {
  /** Every request the server received, including redirects and unknown paths. */
  total: number;
  byPath: Record<string, number>;
  byProvider: Partial<Record<FakeProviderKind, number>>;
  /** By the API key exactly as sent (test keys only: this server is never given real ones). */
  byKey: Record<string, FakeKeyStats>;
  byStatus: Record<string, number>;
  /** Injected faults by kind (`poison` counted separately). */
  faults: Partial<Record<FaultKind | 'poison', number>>;
  /** Requests answered 429 by the rate limiter. */
  rateLimited: number;
  /** Successful answers sent. */
  answered: number;
  inFlight: number;
  maxInFlight: number;
  /** Most provider requests (all keys together, rejected ones included) within any sliding window. */
  maxPerWindow: number;
  /** The sliding window used for `maxPerWindow` (the rate-limit window, default 60,000 ms). */
  windowMs: number;
  requests: RecordedRequest[];
}

export interface FakeProviderServer {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
  stats(): FakeProviderStats;
  /** Clears the stats, the rate-limit windows and the request counters. */
  reset(): void;
}
