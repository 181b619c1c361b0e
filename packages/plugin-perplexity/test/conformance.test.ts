import { describePlatformConformance } from '@citebots/sdk/testing';
import perplexityPlugin from '../src/index.js';

describePlatformConformance({
  name: 'perplexity',
  provider: 'perplexity',
  createPlatform: ({ baseUrl, apiKey }) =>
    perplexityPlugin.create({ baseUrl, apiKey, model: 'sonar-pro' }, {}),
});
