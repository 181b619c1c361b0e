import { startFakeProviderServer } from '../fake-provider/start-fake-provider-server.js';
import type { FakeProviderServer, FaultKind } from '../fake-provider/types.js';
import type {
  ConformanceEndpoint,
  ConformanceScenario,
  PlatformConformanceOptions,
} from './conformance-options.js';

const FAULT_FOR: Record<ConformanceScenario, FaultKind | null> = {
  ok: null,
  'rate-limit': '429',
  quota: 'quota',
  'server-error': '500',
  malformed: 'malformed',
  hold: 'timeout',
  'auth-echo': 'auth',
};

export const CONFORMANCE_BRANDS = ['Knak', 'Brevo', 'Mailchimp'];
export const CONFORMANCE_DOMAINS = ['g2.com', 'capterra.com', 'example.org'];

export interface StartedConformanceEndpoint extends ConformanceEndpoint {
  /** The built-in fake server, when the suite uses it. */
  fake: FakeProviderServer | null;
}

/** Starts the built-in fake provider server or the author's own endpoint, driven by `scenario()`. */
export async function startConformanceEndpoint(
  options: PlatformConformanceOptions,
  scenario: () => ConformanceScenario,
): Promise<StartedConformanceEndpoint> {
  if (options.provider) {
    const fake = await startFakeProviderServer({
      brands: CONFORMANCE_BRANDS,
      domains: CONFORMANCE_DOMAINS,
      faults: () => FAULT_FOR[scenario()],
      echoKeyInErrors: true,
      timeoutFaultMs: 60_000,
      recordRequests: 20,
    });
    return { url: fake.url, close: () => fake.close(), fake };
  }
  if (!options.startEndpoint) {
    throw new Error(
      `describePlatformConformance(${options.name}): give \`provider\` (a format the fake provider server speaks) or \`startEndpoint\`.`,
    );
  }
  const endpoint = await options.startEndpoint(scenario);
  return { url: endpoint.url, close: () => endpoint.close(), fake: null };
}
