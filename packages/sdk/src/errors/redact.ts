/**
 * Secrets must never reach logs, errors, stored rows, reports or snapshots. Every message that
 * leaves a plugin or the runner passes through `redactSecrets`.
 */
const KNOWN_SECRETS = new Set<string>();

/** Registered secrets are at least this long, and every pattern below matches at least this many characters. */
const MIN_SECRET_LENGTH = 6;

/** Remember a secret (an API key, a password) so that later redaction removes it wherever it appears. */
export function registerSecret(secret: string | undefined | null): void {
  if (secret && secret.length >= MIN_SECRET_LENGTH) KNOWN_SECRETS.add(secret);
}

const PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g, // OpenAI / Anthropic style keys
  /\bpplx-[A-Za-z0-9_-]{8,}/g, // Perplexity
  /\bAIza[0-9A-Za-z_-]{20,}/g, // Google
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /((?:api[_-]?key|x-api-key|x-goog-api-key|authorization|password|token|secret)["'\s:=]+)[^\s"',&}]{4,}/gi,
  /(postgres(?:ql)?:\/\/[^:/\s]+:)[^@\s]+(@)/gi,
];

/**
 * Text every match of a pattern in PATTERNS contains (case-insensitively, a superset of each
 * pattern's own literal): one scan of a text without any of them shows that no pattern can match
 * it. Keep it in step with PATTERNS (redact.test.ts checks each pattern's examples against it).
 */
export const MAY_HOLD_SECRET =
  /sk-|pplx-|aiza|bearer|api[_-]?key|authorization|password|token|secret|postgres/i;

export function redactSecrets(text: string): string {
  if (text.length < MIN_SECRET_LENGTH) return text;
  let out = text;
  for (const secret of KNOWN_SECRETS) if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  if (!MAY_HOLD_SECRET.test(out)) return out;
  for (const pattern of PATTERNS) {
    out = out.replace(pattern, (match, ...groups) => {
      const prefix = typeof groups[0] === 'string' ? groups[0] : '';
      const suffix = typeof groups[1] === 'string' && groups[1] === '@' ? '@' : '';
      return prefix && match.startsWith(prefix) ? `${prefix}[REDACTED]${suffix}` : '[REDACTED]';
    });
  }
  return out;
}

const SECRET_KEY = /^(api[_-]?key|authorization|password|secret|x-api-key)$/i;

function isSecretKey(key: string): boolean {
  // The names SECRET_KEY accepts are 6 to 13 characters long.
  return key.length >= 6 && key.length <= 13 && SECRET_KEY.test(key);
}

function redactObjectCopy(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = isSecretKey(k) ? '[REDACTED]' : redactDeep(v);
  return out;
}

function redactArray(value: readonly unknown[]): unknown[] {
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    const r = redactDeep(v);
    if (r !== v) {
      // The first change: copy from here on (`map` keeps holes, as before).
      return value.map((item, j) => (j < i ? item : j === i ? r : redactDeep(item)));
    }
  }
  return value as unknown[];
}

function redactPlainObject(value: Record<string, unknown>): Record<string, unknown> {
  // A `__proto__` key is dropped by the copy (an assignment sets the prototype), as it always was.
  if (Object.hasOwn(value, '__proto__')) return redactObjectCopy(value);
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = value[k];
    const r = isSecretKey(k) ? '[REDACTED]' : redactDeep(v);
    if (r === v) continue;
    // The first change: copy, keeping what was already redacted.
    const out: Record<string, unknown> = {};
    for (let j = 0; j < i; j++) out[keys[j]!] = value[keys[j]!];
    out[k] = r;
    for (let j = i + 1; j < keys.length; j++) {
      const key = keys[j]!;
      out[key] = isSecretKey(key) ? '[REDACTED]' : redactDeep(value[key]);
    }
    return out;
  }
  return value;
}

/**
 * Deep-redacts strings inside a JSON-like value (for error_details and raw responses). Plain
 * objects and arrays with nothing to redact are returned as they are, not copied; a container
 * holding a secret (or a secret-named key) is copied, with its unchanged parts shared.
 */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    return (
      Object.getPrototypeOf(value) === Array.prototype ? redactArray(value) : value.map((v) => redactDeep(v))
    ) as T;
  }
  if (value instanceof Date) return value;
  const proto = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    return redactPlainObject(value as Record<string, unknown>) as T;
  }
  return redactObjectCopy(value) as T;
}
