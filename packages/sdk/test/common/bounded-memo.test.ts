import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/common/bounded-memo.js';

describe('boundedMemo', () => {
  it('computes a key once, remembers null results too, and empties its memory when full', () => {
    const calls: string[] = [];
    const lookup = boundedMemo(2, (key) => {
      calls.push(key);
      return key === 'none' ? null : key.toUpperCase();
    });
    expect(lookup('a')).toBe('A');
    expect(lookup('a')).toBe('A');
    expect(lookup('none')).toBeNull();
    expect(lookup('none')).toBeNull();
    expect(calls).toEqual(['a', 'none']);
    // Full (2 keys): the third key empties the memory, so 'a' is computed again afterwards.
    expect(lookup('b')).toBe('B');
    expect(lookup('b')).toBe('B');
    expect(lookup('a')).toBe('A');
    expect(calls).toEqual(['a', 'none', 'b', 'a']);
  });
});
