import { describe, expect, it } from 'vitest';
import { parseListItems } from '../../src/analysis/index.js';

function ranksOf(text: string, needles: string[]): (number | null)[] {
  const items = parseListItems(text);
  return needles.map((n) => {
    const at = text.indexOf(n);
    return items.find((i) => at >= i.start && at < i.end)?.rank ?? null;
  });
}

describe('list ranks', () => {
  it('ranks numbered items with "1." and "1)" and bullets "-", "*", "•"', () => {
    expect(ranksOf('Intro A\n\n1. B\n2. C\n3. D', ['A', 'B', 'C', 'D'])).toEqual([null, 1, 2, 3]);
    expect(ranksOf('1) B\n2) C', ['B', 'C'])).toEqual([1, 2]);
    expect(ranksOf('- B\n* C\n+ D', ['B', 'C', 'D'])).toEqual([1, 2, 3]);
    expect(ranksOf('• B\n• C', ['B', 'C'])).toEqual([1, 2]);
  });

  it('gives nested sub-items the rank of their top-level item', () => {
    const text = '1. Group\n   - B\n   - C\n2. Other\n    * D';
    expect(ranksOf(text, ['B', 'C', 'D'])).toEqual([1, 1, 2]);
  });

  it('ends a list at an unindented paragraph, and resumes a numbered list that continues its numbering', () => {
    const text = '1. B\n\nA paragraph about X.\n\n2. C\n\nClosing words Y.';
    expect(ranksOf(text, ['B', 'X', 'C', 'Y'])).toEqual([1, null, 2, null]);
  });

  it('treats numbered headings and bold numbered titles as list items', () => {
    const headings = '### 1. **B**\nBody b\n### 2. **C**\nBody c\n## Summary\nZ';
    expect(ranksOf(headings, ['B', 'Body b', 'C', 'Body c', 'Z'])).toEqual([1, 1, 2, 2, null]);
    const bold = '**1. B**\n*   detail\n\n**2. C**\n\nIn short, Z.';
    expect(ranksOf(bold, ['B', 'detail', 'C', 'Z'])).toEqual([1, 1, 2, null]);
  });

  it('keeps a horizontal rule and bold text out of lists', () => {
    expect(parseListItems('---\n**Bold** text\n***')).toEqual([]);
  });
});
