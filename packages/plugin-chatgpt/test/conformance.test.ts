import { describePlatformConformance } from '@citebots/sdk/testing';
import chatGptPlugin from '../src/index.js';

describePlatformConformance({
  name: 'chatgpt',
  provider: 'openai-responses',
  createPlatform: ({ baseUrl, apiKey }) =>
    chatGptPlugin.create({ baseUrl: `${baseUrl}/v1`, apiKey, api: 'responses', model: 'gpt-4.1-mini' }, {}),
});

describePlatformConformance({
  name: 'chatgpt',
  provider: 'openai-chat',
  createPlatform: ({ baseUrl, apiKey }) =>
    chatGptPlugin.create({ baseUrl: `${baseUrl}/v1`, apiKey, api: 'chat', model: 'gpt-5-search-api' }, {}),
});
