import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type AnalysisPlatform,
  ConfigError,
  InputError,
  type PlatformPlugin,
  startPreparing,
} from '@citebots/sdk';
import type { CliConfig } from '../config-file.js';

type PluginModule = { default?: unknown };

/** The platforms shipped with the CLI, loaded only when used (keeps `citebots --help` fast). */
const BUILT_IN: Record<string, () => Promise<PluginModule>> = {
  perplexity: () => import('@citebots/plugin-perplexity'),
  chatgpt: () => import('@citebots/plugin-chatgpt'),
  claude: () => import('@citebots/plugin-claude'),
  gemini: () => import('@citebots/plugin-gemini'),
};

export const BUILT_IN_PLATFORMS = Object.keys(BUILT_IN);

function isPlugin(value: unknown): value is PlatformPlugin {
  const v = value as Partial<PlatformPlugin> | null;
  return !!v && typeof v === 'object' && typeof v.name === 'string' && typeof v.create === 'function';
}

async function importThirdParty(spec: string): Promise<PluginModule> {
  const local = spec.startsWith('.') || isAbsolute(spec);
  try {
    if (local) return (await import(pathToFileURL(resolve(spec)).href)) as PluginModule;
    const require = createRequire(join(process.cwd(), 'package.json'));
    let resolved: string;
    try {
      resolved = require.resolve(spec);
    } catch {
      return (await import(spec)) as PluginModule;
    }
    return (await import(pathToFileURL(resolved).href)) as PluginModule;
  } catch (error) {
    throw new ConfigError(
      'plugins',
      `The platform plugin "${spec}" could not be loaded (${(error as Error).message}).`,
      `install it next to your project (npm install ${spec}) or fix its name in citebots.config.json "plugins" / --plugin`,
    );
  }
}

/** Every available plugin by platform name: the built-in ones, then third-party ones by package name. */
export async function loadPlugins(
  config: CliConfig,
  extra: string[] = [],
  only?: string[],
): Promise<Map<string, PlatformPlugin>> {
  const plugins = new Map<string, PlatformPlugin>();
  for (const [name, load] of Object.entries(BUILT_IN)) {
    if (only && !only.includes(name)) continue;
    const mod = await load();
    if (isPlugin(mod.default)) plugins.set(name, mod.default);
  }
  for (const spec of [...config.plugins, ...extra]) {
    const mod = await importThirdParty(spec);
    const plugin = mod.default;
    if (!isPlugin(plugin)) {
      throw new ConfigError(
        'plugins',
        `The package "${spec}" does not default-export a Citebots platform plugin.`,
        'export default definePlatformPlugin({ name, version, displayName, env, create }) from the package (see docs/writing-a-platform-plugin.md)',
      );
    }
    plugins.set(plugin.name, plugin);
  }
  return plugins;
}

/** Creates one platform instance per requested name, with config-file settings over environment defaults. */
export async function createPlatforms(
  names: string[],
  options: {
    config: CliConfig;
    extraPlugins?: string[];
    env?: Record<string, string | undefined>;
    source?: string;
  },
): Promise<Record<string, AnalysisPlatform>> {
  const builtinsNeeded = names.filter((n) => n in BUILT_IN);
  const plugins = await loadPlugins(options.config, options.extraPlugins ?? [], builtinsNeeded);
  const out: Record<string, AnalysisPlatform> = {};
  for (const name of names) {
    const plugin = plugins.get(name);
    if (!plugin) {
      const available = [...new Set([...BUILT_IN_PLATFORMS, ...plugins.keys()])].join(', ');
      throw new InputError(options.source ?? '--platform', [
        {
          field: '',
          value: name,
          problem: 'is not an installed platform',
          fix: `use one of ${available}, or load a plugin with --plugin <package>`,
        },
      ]);
    }
    // requestsPerMinute is the runner's (the shared rate-limit bucket), not the plugin's: plugins validate strictly.
    const { requestsPerMinute: _runnerOnly, ...settings } = options.config.platforms[name] ?? {};
    out[name] = plugin.create(settings as Record<string, unknown>, options.env ?? process.env);
  }
  // Only commands that will call the engines create them: their client libraries load meanwhile.
  startPreparing(Object.values(out));
  return out;
}

/**
 * Throws a ConfigError naming the missing settings (an API key's environment variable) of every
 * platform that lacks one, so that a user fixes them all at once.
 */
export function assertPlatformsReady(platforms: Record<string, AnalysisPlatform>): void {
  const problems = Object.values(platforms).flatMap((platform) => {
    const check = platform.validateConfig();
    return check.ok ? [] : check.problems.map((p) => ({ ...p, platform: platform.displayName }));
  });
  const first = problems[0];
  if (!first) return;
  if (problems.length === 1)
    throw new ConfigError(first.setting, `${first.platform}: ${first.message}`, first.fix);
  throw new ConfigError(
    problems.map((p) => p.setting).join(', '),
    problems.map((p) => `${p.platform}: ${p.message}`).join(' '),
    problems.map((p) => p.fix).join(' '),
  );
}
