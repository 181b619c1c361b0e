import { describe, expect, it } from 'vitest';
import { parseRobots } from '../src/index.js';
import { fixture } from './helpers.js';

describe('parseRobots', () => {
  it('uses the group naming our token instead of *', () => {
    const rules = parseRobots(fixture('robots.txt'), 'citebotsbot');
    expect(rules.isAllowed('/no-bots/page.html')).toBe(false);
    expect(rules.isAllowed('/no-bots/allowed.html')).toBe(true);
    expect(rules.isAllowed('/private/page.html')).toBe(true); // only * is kept out of /private/
  });

  it('falls back to the * group for other agents', () => {
    const rules = parseRobots(fixture('robots.txt'), 'otherbot');
    expect(rules.isAllowed('/private/page.html')).toBe(false);
    expect(rules.isAllowed('/no-bots/page.html')).toBe(true);
  });

  it('lets the longest match win, Allow on ties, with * and $ patterns', () => {
    const rules = parseRobots(
      'User-agent: *\nDisallow: /docs\nAllow: /docs/public\nDisallow: /*.pdf$\nAllow: /same\nDisallow: /same',
      'citebotsbot',
    );
    expect(rules.isAllowed('/docs/secret')).toBe(false);
    expect(rules.isAllowed('/docs/public/a')).toBe(true);
    expect(rules.isAllowed('/files/report.pdf')).toBe(false);
    expect(rules.isAllowed('/files/report.pdf?x=1')).toBe(true);
    expect(rules.isAllowed('/same')).toBe(true);
    expect(rules.isAllowed('/')).toBe(true);
  });

  it('treats an empty Disallow and a file without groups as allow-all', () => {
    expect(parseRobots('User-agent: *\nDisallow:', 'citebotsbot').isAllowed('/x')).toBe(true);
    expect(parseRobots('', 'citebotsbot').isAllowed('/x')).toBe(true);
    expect(parseRobots('User-agent: *\nDisallow: /', 'citebotsbot').isAllowed('/x')).toBe(false);
  });
});
