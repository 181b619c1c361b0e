import type { AnalysisPlatform } from '../../contract/analysis-platform.js';
import type { ClientProfile } from '../../schemas/client-profile.js';
import type { FakeProviderKind } from '../fake-provider/types.js';

/**
 * What the fake endpoint must do for the next request:
 * - `ok`: a normal answer with citations;
 * - `rate-limit`: HTTP 429 with `retry-after: 1` (and the provider's own rate-limit body and headers);
 * - `quota`: the provider's hard quota / spend-cap error (no point retrying);
 * - `server-error`: HTTP 500;
 * - `malformed`: HTTP 200 with a body that is not valid JSON;
 * - `hold`: never answer (until the client goes away);
 * - `auth-echo`: the provider's authentication error, with the API key it received written into the message.
 */
export type ConformanceScenario =
  | 'ok'
  | 'rate-limit'
  | 'quota'
  | 'server-error'
  | 'malformed'
  | 'hold'
  | 'auth-echo';

/** A local endpoint you start for a provider the built-in fake server does not speak. */
export interface ConformanceEndpoint {
  url: string;
  close(): Promise<void>;
}

export interface PlatformConformanceSetup {
  /** Base URL of the fake endpoint (`http://127.0.0.1:<port>`); append a path prefix if your plugin expects one. */
  baseUrl: string;
  /** The API key to configure, or undefined to test the missing-key report. */
  apiKey: string | undefined;
}

export interface PlatformConformanceOptions {
  /** The platform's `name`, e.g. `perplexity`. */
  name: string;
  /**
   * Creates a platform for the fake endpoint. Pass an empty `env` to your plugin's `create`, so variables
   * set on the machine do not leak in: `({ baseUrl, apiKey }) => plugin.create({ baseUrl, apiKey }, {})`.
   */
  createPlatform: (setup: PlatformConformanceSetup) => AnalysisPlatform;
  /** The wire format your plugin speaks, when the built-in fake provider server speaks it. */
  provider?: FakeProviderKind;
  /**
   * For any other provider: start your own endpoint (see `startFakeHttpServer`) that answers each request
   * as `scenario()` says, in your provider's real format. Ignored when `provider` is set.
   */
  startEndpoint?: (scenario: () => ConformanceScenario) => Promise<ConformanceEndpoint>;
  /** The client profile handed to `execute` (a small default otherwise). */
  client?: ClientProfile;
  /** The key the suite configures (default a random `conformance-key-…`). */
  apiKey?: string;
  /** How long a cancelled call may take to settle (default 5,000 ms). */
  cancelWithinMs?: number;
}
