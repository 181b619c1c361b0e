export { BaseCommand } from './base-command.js';
export { classifyError, UserError } from './cli-errors.js';
export { type CliConfig, cliConfigSchema, loadCliConfig } from './config-file.js';
export { ExitCode } from './exit-codes.js';
export {
  assertPlatformsReady,
  BUILT_IN_PLATFORMS,
  createPlatforms,
  loadPlugins,
} from './services/platform-registry.js';
