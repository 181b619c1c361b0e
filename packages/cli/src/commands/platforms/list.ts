import { redactSecrets } from '@citebots/sdk';
import { Flags } from '@oclif/core';
import { BaseCommand } from '../../base-command.js';
import { table } from '../../services/format-run.js';
import { describePlatform, type PlatformInfo } from '../../services/platform-info.js';
import { BUILT_IN_PLATFORMS, loadPlugins } from '../../services/platform-registry.js';

function price(info: PlatformInfo): string {
  const p = info.modelPrice;
  if (!p) return info.pricesDate ? `(no price for ${info.model})` : '';
  const extra = [
    p.searchPer1k !== undefined ? `search $${p.searchPer1k}/1k` : null,
    p.requestPer1k !== undefined ? `request $${p.requestPer1k}/1k` : null,
  ].filter(Boolean);
  return `in $${p.inputPerMTok}/MTok, out $${p.outputPerMTok}/MTok${extra.length ? `, ${extra.join(', ')}` : ''} (${info.pricesDate})`;
}

export default class PlatformsList extends BaseCommand<typeof PlatformsList> {
  static override summary =
    'List installed platforms: model, capabilities, API key set or not, dated prices.';
  static override description =
    'Shows the built-in platforms and third-party plugins named in citebots.config.json "plugins" or with --plugin. ' +
    'Only whether a key is set is shown, never the key.';
  static override examples = [
    '<%= config.bin %> platforms list',
    '<%= config.bin %> platforms list --plugin citebots-plugin-acme --json',
  ];
  static override flags = {
    plugin: Flags.string({
      description: 'Load a third-party platform plugin by package name.',
      multiple: true,
    }),
  };

  public async run(): Promise<{ platforms: PlatformInfo[] }> {
    const plugins = await loadPlugins(this.cliConfig, this.flags.plugin ?? []);
    const infos = [...plugins.values()].map((p) =>
      describePlatform(p, BUILT_IN_PLATFORMS.includes(p.name), this.cliConfig, process.env),
    );
    for (const info of infos) info.problems = info.problems.map((m) => redactSecrets(m));
    if (!this.jsonEnabled()) {
      this.log(
        table(
          ['platform', 'version', 'model', 'capabilities', 'api key', 'prices'],
          infos.map((i) => [
            `${i.name}${i.source === 'plugin' ? ' (plugin)' : ''}`,
            i.version,
            i.model ?? '-',
            i.capabilities
              ? Object.entries(i.capabilities)
                  .filter(([, v]) => v)
                  .map(([k]) => k)
                  .join(',')
              : (i.problems[0] ?? ''),
            `${i.apiKeyEnv} ${i.apiKeySet ? 'set' : 'not set'}`,
            price(i),
          ]),
        ),
      );
    }
    return { platforms: infos };
  }
}
