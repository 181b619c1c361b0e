import { createHash } from 'node:crypto';

/**
 * A stable, secret-free name for a provider account: `<platform>:<first 12 hex of sha256(apiKey + baseUrl)>`.
 * Without a key it is `<platform>:no-key`.
 */
export function computeAccountKey(
  platform: string,
  apiKey: string | null | undefined,
  baseUrl: string,
): string {
  if (!apiKey) return `${platform}:no-key`;
  const digest = createHash('sha256')
    .update(apiKey + baseUrl)
    .digest('hex');
  return `${platform}:${digest.slice(0, 12)}`;
}
