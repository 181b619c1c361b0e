import { describe, expect, it } from 'vitest';
import { normalizeUrl } from '../src/index.js';

describe('normalizeUrl', () => {
  it('removes tracking parameters and fragments, lower-cases the host, drops default ports', () => {
    expect(
      normalizeUrl(
        'HTTPS://Blog.Example.COM:443/Post?utm_source=x&id=7&gclid=abc&fbclid=1&UTM_Medium=m#section',
      ),
    ).toEqual({ url: 'https://blog.example.com/Post?id=7', key: 'https://blog.example.com/Post?id=7' });
    expect(normalizeUrl('http://example.com:80/')?.url).toBe('http://example.com/');
    expect(normalizeUrl('https://example.com:8443/a')?.url).toBe('https://example.com:8443/a');
  });

  it('gives one key to URLs that differ only in parameter order, trailing slash or tracking', () => {
    const keys = [
      'https://example.com/guide/?b=2&a=1',
      'https://example.com/guide?a=1&b=2&utm_campaign=z',
      'https://EXAMPLE.com/guide?a=1&b=2#top',
      'https://example.com./guide?msclkid=q&a=1&b=2',
    ].map((u) => normalizeUrl(u)?.key);
    expect(new Set(keys).size).toBe(1);
    expect(normalizeUrl('https://example.com')?.key).toBe('https://example.com/');
    expect(normalizeUrl('https://example.com/a')?.key).not.toBe(normalizeUrl('https://example.com/b')?.key);
  });

  it('strips credentials and refuses what is not http(s)', () => {
    expect(normalizeUrl('https://user:pass@example.com/x')?.url).toBe('https://example.com/x');
    expect(normalizeUrl('ftp://example.com/file')).toBeNull();
    expect(normalizeUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeUrl('/relative/path')).toBeNull();
    expect(normalizeUrl('not a url')).toBeNull();
  });
});
