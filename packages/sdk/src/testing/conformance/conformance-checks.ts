import type { AnalysisPlatform } from '../../contract/analysis-platform.js';
import type { PlatformResult } from '../../contract/platform-result.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

function nonNegative(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Problems with the static parts of a platform (name, capabilities, prices, account key); empty when fine. */
export function checkPlatformShape(platform: AnalysisPlatform, expectedName: string): string[] {
  const problems: string[] = [];
  if (platform.name !== expectedName)
    problems.push(`name is ${JSON.stringify(platform.name)}, expected "${expectedName}"`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(platform.name ?? '')) problems.push('name must be lowercase kebab-case');
  if (!/^\d+\.\d+\.\d+/.test(platform.version ?? '')) problems.push('version must be semver (1.2.3)');
  if (!nonEmpty(platform.displayName)) problems.push('displayName must not be empty');
  if (!nonEmpty(platform.model)) problems.push('model must not be empty');
  const c = platform.capabilities;
  if (!c) problems.push('capabilities is missing');
  else {
    for (const flag of ['webSearch', 'citations', 'searchQueries', 'batch'] as const) {
      if (typeof c[flag] !== 'boolean') problems.push(`capabilities.${flag} must be a boolean`);
    }
    if (!Array.isArray(c.models)) problems.push('capabilities.models must be an array');
    if (!nonEmpty(c.defaultModel)) problems.push('capabilities.defaultModel must not be empty');
    if (!c.rateLimits || typeof c.rateLimits !== 'object')
      problems.push('capabilities.rateLimits must be an object');
    else {
      for (const [k, v] of Object.entries(c.rateLimits)) {
        if (v !== undefined && !(nonNegative(v) && (v as number) > 0))
          problems.push(`capabilities.rateLimits.${k} must be positive`);
      }
    }
  }
  const prices = platform.prices;
  if (!prices || !DATE.test(prices.date ?? '')) problems.push('prices.date must be a date like 2026-11-01');
  if (!prices || typeof prices.models !== 'object' || prices.models === null)
    problems.push('prices.models must be an object');
  else {
    for (const [model, price] of Object.entries(prices.models)) {
      for (const field of ['inputPerMTok', 'outputPerMTok'] as const) {
        if (!nonNegative(price[field]))
          problems.push(`prices.models.${model}.${field} must be a number >= 0`);
      }
      for (const [field, value] of Object.entries(price)) {
        if (typeof value === 'number' && !nonNegative(value)) {
          problems.push(`prices.models.${model}.${field} must be >= 0`);
        }
      }
    }
  }
  if (!nonEmpty(platform.accountKey)) problems.push('accountKey must not be empty');
  for (const fn of ['validateConfig', 'execute', 'getCost'] as const) {
    if (typeof platform[fn] !== 'function') problems.push(`${fn} must be a function`);
  }
  return problems;
}

/** Problems with a result: ordered 1-based citations, offsets inside the answer, usage and cost numbers. */
export function checkPlatformResult(result: PlatformResult, expectedName: string): string[] {
  const problems: string[] = [];
  if (result.platform !== expectedName)
    problems.push(`platform is ${JSON.stringify(result.platform)}, expected "${expectedName}"`);
  if (!nonEmpty(result.model)) problems.push('model must not be empty');
  if (typeof result.answer !== 'string') problems.push('answer must be a string');
  const answerLength = typeof result.answer === 'string' ? result.answer.length : 0;
  if (!Array.isArray(result.citations)) problems.push('citations must be an array');
  else {
    result.citations.forEach((c, i) => {
      const where = `citations[${i}]`;
      if (c.position !== i + 1)
        problems.push(`${where}.position is ${c.position}, expected ${i + 1} (1-based, in order)`);
      if (!/^https?:\/\//.test(c.url ?? '')) problems.push(`${where}.url must be an http(s) URL`);
      const hasStart = c.startIndex !== undefined && c.startIndex !== null;
      const hasEnd = c.endIndex !== undefined && c.endIndex !== null;
      if (hasStart !== hasEnd) problems.push(`${where} must give both startIndex and endIndex, or neither`);
      if (hasStart && hasEnd) {
        const start = c.startIndex as number;
        const end = c.endIndex as number;
        if (
          !Number.isInteger(start) ||
          !Number.isInteger(end) ||
          start < 0 ||
          end <= start ||
          end > answerLength
        ) {
          problems.push(
            `${where} offsets [${start}, ${end}) are not a span of the ${answerLength}-character answer`,
          );
        }
      }
    });
  }
  if (!Array.isArray(result.sources)) problems.push('sources must be an array');
  if (!Array.isArray(result.searchQueries) || result.searchQueries.some((q) => typeof q !== 'string')) {
    problems.push('searchQueries must be an array of strings');
  }
  if (result.usage !== null) {
    for (const field of ['inputTokens', 'outputTokens', 'totalTokens'] as const) {
      if (!nonNegative(result.usage?.[field])) problems.push(`usage.${field} must be a number >= 0`);
    }
  }
  if (!result.cost || !nonNegative(result.cost.totalUsd))
    problems.push('cost.totalUsd must be a number >= 0');
  else if (!['provider', 'price-table', 'estimate'].includes(result.cost.source))
    problems.push('cost.source is unknown');
  if (!result.providerMetadata || typeof result.providerMetadata !== 'object') {
    problems.push('providerMetadata must be an object');
  }
  return problems;
}

/**
 * Where `secret` (or its last 12 characters, the random part of most keys) appears in `value`, as a list
 * of paths; empty when nowhere. Error messages, stacks and causes are searched too.
 */
export function findSecret(value: unknown, secret: string, path = '$'): string[] {
  const pieces = [secret];
  if (secret.length >= 20) pieces.push(secret.slice(-12));
  const seen = new Set<unknown>();
  const found: string[] = [];
  const visit = (v: unknown, at: string, depth: number) => {
    if (depth > 12) return;
    if (typeof v === 'string') {
      if (pieces.some((p) => v.includes(p))) found.push(at);
      return;
    }
    if (!v || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (v instanceof Error) {
      visit(v.message, `${at}.message`, depth + 1);
      visit(v.stack, `${at}.stack`, depth + 1);
      visit((v as { cause?: unknown }).cause, `${at}.cause`, depth + 1);
    }
    for (const [k, child] of Object.entries(v)) visit(child, `${at}.${k}`, depth + 1);
  };
  visit(value, path, 0);
  return found;
}
