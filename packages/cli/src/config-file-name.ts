/** The config file read from the working folder when `--config` is not given. */
export const DEFAULT_CONFIG_FILE = 'citebots.config.json';
