/** A jsonb column's value: PGlite returns it parsed, postgres.js as text or parsed. Unparseable text is null. */
export function jsonValue(value: unknown): unknown {
  if (typeof value === 'string') {
    try {
      return JSON.parse(value);
    } catch {
      return null;
    }
  }
  return value ?? null;
}
