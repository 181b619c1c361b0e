/** Ports of transaction poolers: Supabase's (6543) and PgBouncer's usual one (6432). */
const POOLER_PORTS = new Set(['6543', '6432']);

/**
 * Whether to use named prepared statements on a PostgreSQL connection (each statement is parsed
 * and planned once per connection instead of on every call). On by default for direct
 * connections; off behind a transaction pooler (port 6543 or 6432, or `?pgbouncer=true` in the
 * URL), which may hand the next statement to a server connection that never saw the preparation.
 * `CITEBOTS_DB_PREPARE=false|true` or the `prepare` option decides when set.
 */
export function usePreparedStatements(
  url: string,
  option: boolean | undefined,
  env: Record<string, string | undefined>,
): boolean {
  if (option !== undefined) return option;
  const setting = env.CITEBOTS_DB_PREPARE?.trim().toLowerCase();
  if (setting === 'false' || setting === '0' || setting === 'off') return false;
  if (setting === 'true' || setting === '1' || setting === 'on') return true;
  try {
    const u = new URL(url);
    if (u.searchParams.get('pgbouncer') === 'true') return false;
    return !POOLER_PORTS.has(u.port);
  } catch {
    return false;
  }
}

/** The URL without the `pgbouncer` flag, which is ours to read and no server setting. */
export function withoutPoolerFlag(url: string): string {
  try {
    const u = new URL(url);
    if (!u.searchParams.has('pgbouncer')) return url;
    u.searchParams.delete('pgbouncer');
    return u.toString();
  } catch {
    return url;
  }
}
