import { describe, expect, it } from 'vitest';
import {
  computeAccountKey,
  retryDelayFromMessage,
  stripTrackingParams,
  urlCompareKey,
  utf8OffsetToIndex,
} from '../../src/platform-utils/index.js';

describe('stripTrackingParams', () => {
  it('removes utm_* and click ids, keeping other parameters', () => {
    expect(stripTrackingParams('https://a.example/p?utm_source=openai')).toBe('https://a.example/p');
    expect(stripTrackingParams('https://a.example/p?id=3&utm_source=chatgpt.com&gclid=x')).toBe(
      'https://a.example/p?id=3',
    );
    expect(stripTrackingParams('https://a.example/p?id=3#top')).toBe('https://a.example/p?id=3#top');
    expect(stripTrackingParams('not a url')).toBe('not a url');
  });
});

describe('urlCompareKey', () => {
  it('treats tracking, www, trailing slash and fragment differences as the same page', () => {
    const key = urlCompareKey('https://example.com/crm');
    expect(urlCompareKey('https://www.example.com/crm/?utm_source=openai#x')).toBe(key);
    expect(urlCompareKey('https://EXAMPLE.com/crm')).toBe(key);
    expect(urlCompareKey('https://example.com/crm?page=2')).not.toBe(key);
    expect(urlCompareKey('https://example.com/other')).not.toBe(key);
  });

  it('gives the key of the stripped URL parsed again, with or without tracking parameters, cached or not', () => {
    const reference = (url: string): string => {
      let parsed: URL;
      try {
        parsed = new URL(stripTrackingParams(url));
      } catch {
        return url.trim();
      }
      const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
      return `${host}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
    };
    const urls = [
      'https://Example.com/a/?utm_source=x',
      'https://www.ex.com/p?utm_source=openai#frag?',
      'https://ex.com/p?a=1&utm_medium=y&b=%7E~ x',
      'https://ex.com/p?',
      'http://ex.com:8080//a//?gclid=1&GCLID=2',
      '  https://ex.com  ',
      'not a url',
      'mailto:a@b.c?utm_source=x',
      'data:space ?utm_source=1',
      'https://bücher.example/a?fbclid=z',
      'https://ex.com/p?%75tm_source=2&k',
    ];
    for (let round = 0; round < 2; round++) {
      for (const url of urls) expect(urlCompareKey(url), url).toBe(reference(url));
    }
  });
});

describe('computeAccountKey', () => {
  it('hashes key and base URL without revealing the key', () => {
    const a = computeAccountKey('chatgpt', 'sk-secret-key-123456', 'https://api.openai.com/v1');
    expect(a).toMatch(/^chatgpt:[0-9a-f]{12}$/);
    expect(a).not.toContain('secret');
    expect(computeAccountKey('chatgpt', 'sk-secret-key-123456', 'https://api.openai.com/v1')).toBe(a);
    expect(computeAccountKey('chatgpt', 'sk-secret-key-123456', 'http://127.0.0.1:9')).not.toBe(a);
    expect(computeAccountKey('chatgpt', undefined, 'x')).toBe('chatgpt:no-key');
  });
});

describe('retryDelayFromMessage', () => {
  it('reads "try again in" delays', () => {
    expect(retryDelayFromMessage('Please try again in 108ms.')).toBe(108);
    expect(retryDelayFromMessage('Please try again in 1.5s.')).toBe(1500);
    expect(retryDelayFromMessage('try again in 20 seconds')).toBe(20_000);
    expect(retryDelayFromMessage('Rate limit reached')).toBeNull();
  });
});

describe('utf8OffsetToIndex', () => {
  it('maps UTF-8 byte offsets to string indexes', () => {
    const text = 'é€🎉a';
    expect(utf8OffsetToIndex(text, 0)).toBe(0);
    expect(utf8OffsetToIndex(text, 2)).toBe(1);
    expect(utf8OffsetToIndex(text, 5)).toBe(2);
    expect(utf8OffsetToIndex(text, 9)).toBe(4);
    expect(utf8OffsetToIndex(text, 10)).toBe(5);
    expect(utf8OffsetToIndex(text, 99)).toBe(5);
  });
});
