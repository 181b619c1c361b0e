import { CitebotsError } from './citebots-error.js';

/** A platform or the runner is not configured well enough to run (a missing API key, a bad base URL). */
export class ConfigError extends CitebotsError {
  readonly setting: string;
  readonly fix: string;

  constructor(setting: string, message: string, fix: string) {
    super('config_error', `${message} Fix: ${fix}`, { details: { setting } });
    this.setting = setting;
    this.fix = fix;
  }
}
