/**
 * Secrets must never reach logs, errors, stored rows, reports or snapshots. Every message that
 * leaves a plugin or the runner passes through `redactSecrets`.
 */
const KNOWN_SECRETS = new Set<string>();

/** Remember a secret (an API key, a password) so that later redaction removes it wherever it appears. */
export function registerSecret(secret: string | undefined | null): void {
  if (secret && secret.length >= 6) KNOWN_SECRETS.add(secret);
}

const PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g, // OpenAI / Anthropic style keys
  /\bpplx-[A-Za-z0-9_-]{8,}/g, // Perplexity
  /\bAIza[0-9A-Za-z_-]{20,}/g, // Google
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /((?:api[_-]?key|x-api-key|x-goog-api-key|authorization|password|token|secret)["'\s:=]+)[^\s"',&}]{4,}/gi,
  /(postgres(?:ql)?:\/\/[^:/\s]+:)[^@\s]+(@)/gi,
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of KNOWN_SECRETS) out = out.split(secret).join('[REDACTED]');
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, ...groups) => {
      const prefix = typeof groups[0] === 'string' ? groups[0] : '';
      const suffix = typeof groups[1] === 'string' && groups[1] === '@' ? '@' : '';
      return prefix && match.startsWith(prefix) ? `${prefix}[REDACTED]${suffix}` : '[REDACTED]';
    });
  }
  return out;
}

/** Deep-redacts strings inside a JSON-like value (for error_details and raw responses). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = /^(api[_-]?key|authorization|password|secret|x-api-key)$/i.test(k)
        ? '[REDACTED]'
        : redactDeep(v);
    }
    return out as T;
  }
  return value;
}
