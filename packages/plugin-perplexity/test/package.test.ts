import { describe, expect, it } from 'vitest';
import * as pkg from '../src/index.js';

// PROVISIONAL: replaced by the package's real tests.
describe('plugin-perplexity', () => {
  it('loads', () => {
    expect(typeof pkg).toBe('object');
  });
});
