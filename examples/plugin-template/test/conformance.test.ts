import { describePlatformConformance } from '@citebots/sdk/testing';
import acmePlugin from '../src/index.js';
import { startFakeAcmeEndpoint } from './fake-acme-endpoint.js';

describePlatformConformance({
  name: 'acme',
  createPlatform: ({ baseUrl, apiKey }) => acmePlugin.create({ baseUrl, apiKey }, {}),
  startEndpoint: startFakeAcmeEndpoint,
});
