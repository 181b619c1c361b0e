import { describePlatformConformance } from '@citebots/sdk/testing';
import geminiPlugin from '../src/index.js';

describePlatformConformance({
  name: 'gemini',
  provider: 'gemini',
  // The fake server's grounding links point back at itself, so it is the redirect host.
  createPlatform: ({ baseUrl, apiKey }) =>
    geminiPlugin.create({ baseUrl, apiKey, redirectHost: new URL(baseUrl).host }, {}),
});
