import { describe, expect, it } from 'vitest';
import { MAY_HOLD_SECRET, redactDeep, redactSecrets, registerSecret } from '../../src/errors/redact.js';

/** The redaction as it was before its fast paths (one pass of every pattern, every value copied). */
const REFERENCE_PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /\bpplx-[A-Za-z0-9_-]{8,}/g,
  /\bAIza[0-9A-Za-z_-]{20,}/g,
  /(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /((?:api[_-]?key|x-api-key|x-goog-api-key|authorization|password|token|secret)["'\s:=]+)[^\s"',&}]{4,}/gi,
  /(postgres(?:ql)?:\/\/[^:/\s]+:)[^@\s]+(@)/gi,
];

function referenceSecrets(text: string, known: readonly string[]): string {
  let out = text;
  for (const secret of known) out = out.split(secret).join('[REDACTED]');
  for (const pattern of REFERENCE_PATTERNS) {
    out = out.replace(pattern, (match, ...groups) => {
      const prefix = typeof groups[0] === 'string' ? groups[0] : '';
      const suffix = typeof groups[1] === 'string' && groups[1] === '@' ? '@' : '';
      return prefix && match.startsWith(prefix) ? `${prefix}[REDACTED]${suffix}` : '[REDACTED]';
    });
  }
  return out;
}

function referenceDeep(value: unknown, known: readonly string[]): unknown {
  if (typeof value === 'string') return referenceSecrets(value, known);
  if (Array.isArray(value)) return value.map((v) => referenceDeep(v, known));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = /^(api[_-]?key|authorization|password|secret|x-api-key)$/i.test(k)
        ? '[REDACTED]'
        : referenceDeep(v, known);
    }
    return out;
  }
  return value;
}

const KNOWN = 'hunter2-registered-secret';
registerSecret(KNOWN);

/** One example per pattern (and per keyword of the key=value pattern). */
const SECRET_EXAMPLES = [
  'key sk-abcdefgh12345678 here',
  'sk-proj-ABCDEF_ghij-klmn',
  'pplx-abcdefgh12345678',
  'AIzaSyA1234567890abcdefghij',
  'Authorization: Bearer abc.def-ghi~jkl',
  'bearer    ABCDEFGH12345',
  'api_key=abcd1234',
  'apikey: "abcd1234"',
  'API-KEY=abcd1234',
  'x-api-key: abcd1234',
  'x-goog-api-key=abcd1234',
  'authorization=abcd1234',
  'password: hunter22',
  'PASSWORD=hunter22',
  'token=abcd1234',
  'access_token: "abcd1234"',
  'client_secret=abcd1234',
  'postgres://user:pa55word@db.example:5432/app',
  'POSTGRESQL://user:pa55word@db',
];

describe('redactSecrets', () => {
  it('redacts every pattern, each example being seen by the cheap pre-test', () => {
    for (const example of SECRET_EXAMPLES) {
      expect(MAY_HOLD_SECRET.test(example), example).toBe(true);
      const redacted = redactSecrets(example);
      expect(redacted, example).toContain('[REDACTED]');
      expect(redacted).toBe(referenceSecrets(example, [KNOWN]));
    }
  });

  it('redacts a registered secret in text no pattern matches', () => {
    expect(redactSecrets(`the value ${KNOWN}, twice: ${KNOWN}`)).toBe(
      'the value [REDACTED], twice: [REDACTED]',
    );
  });

  it('returns text without a secret unchanged, short text included', () => {
    for (const text of ['', 'ok', 'sk-1', 'The best CRM for small teams is Brevo.', 'tokens: 12']) {
      expect(redactSecrets(text)).toBe(text);
    }
  });

  it('matches the reference on mixed text', () => {
    const parts = [
      ...SECRET_EXAMPLES,
      KNOWN,
      'plain words',
      ' ',
      '\n',
      '"',
      "'",
      '=',
      ':',
      'Token',
      'SK-',
      'sk-',
      '&',
    ];
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    for (let i = 0; i < 500; i++) {
      let text = '';
      for (let j = next(8); j >= 0; j--) text += parts[next(parts.length)];
      expect(redactSecrets(text), text).toBe(referenceSecrets(text, [KNOWN]));
    }
  });
});

describe('redactDeep', () => {
  it('redacts nested strings and secret-named keys as before', () => {
    const value = {
      id: 'resp_1',
      n: 3,
      ok: true,
      none: null,
      when: new Date(0),
      headers: { Authorization: 'Bearer abcdefgh12345', 'x-api-key': 'whatever', accept: 'json' },
      output: [{ text: `uses ${KNOWN}` }, 'sk-abcdefgh12345678', 7, [null, { password: 1 }]],
      nested: { deeper: { url: 'postgres://u:p4ss@host/db', plain: 'hello' } },
    };
    const copy = structuredClone(value);
    const redacted = redactDeep(value);
    expect(redacted).toEqual(referenceDeep(value, [KNOWN]));
    expect(value).toEqual(copy); // the input is never changed
  });

  it('returns containers with nothing to redact as they are, and shares unchanged parts of a copy', () => {
    const clean = { a: 'text', b: [1, 'two', { c: null }], d: { e: false } };
    expect(redactDeep(clean)).toBe(clean);
    const mixed = { clean, dirty: { key: 'sk-abcdefgh12345678' } };
    const out = redactDeep(mixed);
    expect(out).not.toBe(mixed);
    expect(out.clean).toBe(clean);
    expect(out.dirty).toEqual({ key: '[REDACTED]' });
    expect(mixed.dirty.key).toBe('sk-abcdefgh12345678');
  });

  it('keeps the shape of sparse arrays, primitives and dates', () => {
    // biome-ignore lint/suspicious/noSparseArray: a hole is the case under test
    const sparse = [1, , 'sk-abcdefgh12345678'];
    const out = redactDeep(sparse);
    expect(out).toEqual(referenceDeep(sparse, [KNOWN]));
    expect(1 in out).toBe(false);
    for (const v of [0, 1.5, true, null, undefined, 'short']) expect(redactDeep(v)).toBe(v);
    const date = new Date(0);
    expect(redactDeep(date)).toBe(date);
  });

  it('matches the reference on recorded-like bodies', () => {
    const bodies: unknown[] = [
      {
        id: 'x',
        output: [
          { type: 'message', content: [{ type: 'output_text', text: 'Brevo is good.', annotations: [] }] },
        ],
      },
      { choices: [{ message: { content: `token=abcd1234 and ${KNOWN}` } }], usage: { total_tokens: 10 } },
      [[['deep', { secret: 's' }]], { apiKey: 'k', api_key: 'k', 'API-KEY': 'k', xapikey: 'k' }],
      JSON.parse('{"__proto__": {"a": "sk-abcdefgh12345678"}, "b": "plain"}'),
      JSON.parse('{"__proto__": "plain", "b": "plain"}'),
      Object.assign(Object.create(null), { a: 'plain', b: { c: 'Bearer abcdefghijkl' } }),
      new (class Thing {
        field = 'plain';
      })(),
    ];
    for (const body of bodies) {
      expect(JSON.stringify(redactDeep(body))).toBe(JSON.stringify(referenceDeep(body, [KNOWN])));
      expect(redactDeep(body)).toEqual(referenceDeep(body, [KNOWN]));
    }
  });
});
