import type { IncomingHttpHeaders } from 'node:http';
import type { FakeProviderKind } from './types.js';

const GEMINI_PATH = /^(?:\/v1(?:beta|alpha)?)?\/models\/([^/:]+):generateContent$/;
/** An optional version prefix, so a base URL with or without `/v1` works. */
const VERSION_PREFIX = /^\/v1(?=\/)/;

/** Which wire format a POST path speaks; the model decides between Perplexity and OpenAI chat. */
export function routeProvider(
  path: string,
  body: unknown,
): { provider: FakeProviderKind; pathModel: string | null } | null {
  const gemini = GEMINI_PATH.exec(path);
  if (gemini) return { provider: 'gemini', pathModel: decodeURIComponent(gemini[1]!) };
  const bare = path.replace(VERSION_PREFIX, '');
  if (bare === '/responses') return { provider: 'openai-responses', pathModel: null };
  if (bare === '/messages') return { provider: 'anthropic', pathModel: null };
  if (bare === '/sonar') return { provider: 'perplexity', pathModel: null };
  if (bare === '/chat/completions') {
    const model = modelOf(body);
    return { provider: model.startsWith('sonar') ? 'perplexity' : 'openai-chat', pathModel: null };
  }
  return null;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The API key as each provider expects it: bearer token, `x-api-key`, `x-goog-api-key` or `?key=`. */
export function apiKeyOf(headers: IncomingHttpHeaders, query: URLSearchParams): string | null {
  const auth = first(headers.authorization);
  if (auth) {
    const match = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (match) return match[1]!.trim();
  }
  return first(headers['x-api-key']) ?? first(headers['x-goog-api-key']) ?? query.get('key') ?? null;
}

export function modelOf(body: unknown): string {
  const model = (body as { model?: unknown } | null)?.model;
  return typeof model === 'string' ? model : '';
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => {
        if (typeof part === 'string') return part;
        const text = (part as { text?: unknown } | null)?.text;
        return typeof text === 'string' ? text : '';
      })
      .join('');
  }
  return '';
}

function lastUserText(messages: unknown, contentKey: 'content' | 'parts'): string {
  if (!Array.isArray(messages)) return '';
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as Record<string, unknown> | null;
    if (!message) continue;
    const role = message.role;
    if (role === undefined || role === 'user') return textOf(message[contentKey]);
  }
  return '';
}

/** The text of the last user message, in each provider's request shape. */
export function questionOf(provider: FakeProviderKind, body: unknown): string {
  const b = (body ?? {}) as Record<string, unknown>;
  switch (provider) {
    case 'gemini':
      return lastUserText(b.contents, 'parts');
    case 'openai-responses':
      return typeof b.input === 'string' ? b.input : lastUserText(b.input, 'content');
    default:
      return lastUserText(b.messages, 'content');
  }
}
