import { describePlatformConformance } from '@citebots/sdk/testing';
import claudePlugin from '../src/index.js';

describePlatformConformance({
  name: 'claude',
  provider: 'anthropic',
  createPlatform: ({ baseUrl, apiKey }) => claudePlugin.create({ baseUrl, apiKey }, {}),
});
