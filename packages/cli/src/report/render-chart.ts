import { loader, parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** A loader that refuses every URL: a chart is rendered from inline values only, never from the network. */
function offlineLoader() {
  const l = loader();
  l.sanitize = async (uri: string) => {
    throw new Error(`charts load no data from URLs (${uri.slice(0, 40)})`);
  };
  return l;
}

/** Vega-Lite's notes about spec adjustments are not for report readers. */
interface QuietLogger {
  level(): number;
  error(): QuietLogger;
  warn(): QuietLogger;
  info(): QuietLogger;
  debug(): QuietLogger;
}
const silentLogger: QuietLogger = {
  level: () => 0,
  error: () => silentLogger,
  warn: () => silentLogger,
  info: () => silentLogger,
  debug: () => silentLogger,
};

/**
 * Renders a Vega-Lite spec to an SVG string at build time (renderer 'none': no canvas, no DOM).
 * The SVG is inlined in the report, so opening it needs no script and no network.
 */
export async function renderChartSvg(spec: TopLevelSpec, label: string): Promise<string> {
  const vgSpec = compile(spec, {
    logger: silentLogger as unknown as NonNullable<Parameters<typeof compile>[1]>['logger'],
  }).spec;
  const view = new View(parse(vgSpec), { renderer: 'none', loader: offlineLoader() });
  try {
    const svg = await view.toSVG();
    // Name the chart for screen readers (the label is ours, never model text) and tag it for the tests.
    return svg.replace(
      /^<svg /,
      `<svg role="img" aria-label="${label.replace(/[^\w ,.%()-]/g, '')}" data-chart="${label.replace(/[^\w-]/g, '-').toLowerCase()}" `,
    );
  } finally {
    view.finalize();
  }
}
