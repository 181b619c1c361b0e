interface Rule {
  allow: boolean;
  pattern: string;
  regex: RegExp;
}

interface Group {
  agents: string[];
  rules: Rule[];
}

/** The rules of one robots.txt that apply to one user-agent token. */
export interface RobotsRules {
  isAllowed(pathAndQuery: string): boolean;
}

export const ALLOW_ALL: RobotsRules = { isAllowed: () => true };
export const DISALLOW_ALL: RobotsRules = { isAllowed: () => false };

function toRegex(pattern: string): RegExp {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`);
}

function safeDecodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function parseGroups(text: string): Group[] {
  const groups: Group[] = [];
  let current: Group | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (field === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current) continue;
    if (field === 'allow' || field === 'disallow') {
      if (field === 'disallow' && value === '') continue; // "Disallow:" allows everything
      const pattern = safeDecodePath(value);
      current.rules.push({ allow: field === 'allow', pattern, regex: toRegex(pattern) });
    }
  }
  return groups;
}

/**
 * Parses robots.txt (RFC 9309): the groups naming our token apply, else the `*` groups;
 * the longest matching rule wins and Allow wins a tie; `*` and `$` are supported.
 */
export function parseRobots(text: string, token: string): RobotsRules {
  const groups = parseGroups(text);
  const lowerToken = token.toLowerCase();
  let rules = groups
    .filter((g) => g.agents.some((a) => a !== '*' && lowerToken.includes(a)))
    .flatMap((g) => g.rules);
  const named = groups.some((g) => g.agents.some((a) => a !== '*' && lowerToken.includes(a)));
  if (!named) rules = groups.filter((g) => g.agents.includes('*')).flatMap((g) => g.rules);
  if (rules.length === 0) return ALLOW_ALL;
  return {
    isAllowed(pathAndQuery: string) {
      const path = safeDecodePath(pathAndQuery);
      let best: Rule | null = null;
      for (const rule of rules) {
        if (!rule.regex.test(path)) continue;
        if (
          !best ||
          rule.pattern.length > best.pattern.length ||
          (rule.pattern.length === best.pattern.length && rule.allow)
        ) {
          best = rule;
        }
      }
      return best ? best.allow : true;
    },
  };
}
