import { definePlatformPlugin } from '@citebots/sdk';
import { ACME_ENV, type AcmeConfig } from './acme-config.js';
import { ACME_PLUGIN_VERSION, createAcmePlatform } from './acme-platform.js';

export { ACME_DEFAULT_BASE_URL, ACME_DEFAULT_MODEL, ACME_ENV, type AcmeConfig } from './acme-config.js';
export { ACME_PLUGIN_VERSION, createAcmePlatform } from './acme-platform.js';
export { ACME_PRICES } from './acme-prices.js';

/** The default export is what the Citebots CLI loads: `citebots run --plugin citebots-plugin-acme`. */
export default definePlatformPlugin<AcmeConfig>({
  name: 'acme',
  version: ACME_PLUGIN_VERSION,
  displayName: 'Acme Answers',
  env: ACME_ENV,
  create: (config, env) => createAcmePlatform(config, env ?? process.env),
});
