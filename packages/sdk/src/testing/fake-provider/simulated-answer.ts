import { hashString, SeededRandom } from './seeded-random.js';

export interface SimulatedSource {
  url: string;
  title: string;
  snippet: string;
  /** YYYY-MM-DD */
  date: string;
  domain: string;
}

/** A piece of the answer; `cites` are indexes into `sources`; `after` follows the citation markup. */
export interface AnswerSegment {
  text: string;
  cites: number[];
  after: string;
}

/** One deterministic answer, rendered by each wire format in its own way. */
export interface SimulatedAnswer {
  segments: AnswerSegment[];
  sources: SimulatedSource[];
  searchQueries: string[];
  /** Brands the answer names, in order of appearance. */
  brands: string[];
  inputTokens: number;
  outputTokens: number;
}

export interface AnswerSettings {
  brands: string[];
  domains: string[];
  label: boolean;
  seed: number;
}

export const SIMULATED_LABEL =
  'This is a simulated answer from the Citebots fake provider, not a real engine.';

const POSITIVE = [
  'a popular choice for teams that want fast results',
  'often praised for its ease of use',
  'frequently recommended by reviewers for its reliable support',
  'a strong option for growing companies',
];
const NEUTRAL = [
  'an established option with a broad feature set',
  'widely used by mid-sized teams',
  'a common pick when integrations matter',
];
const NEGATIVE = [
  'criticised by some users for a steep learning curve',
  'considered expensive compared with the alternatives',
];
const CLOSINGS = [
  'The right choice depends on your team size, budget and existing tools.',
  'Compare the free trials before you commit to one of them.',
  'Most teams shortlist two or three options and test them on a real project.',
];

function slugify(text: string): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'answer';
}

function sourceFor(domainOrBase: string, question: string, random: SeededRandom): SimulatedSource {
  const isBase = domainOrBase.includes('://');
  const base = isBase ? domainOrBase.replace(/\/+$/, '') : `https://${domainOrBase}`;
  const domain = isBase ? new URL(base).hostname : domainOrBase;
  const url = `${base}/${slugify(question)}-${random.hex(4)}`;
  const month = String(random.int(1, 12)).padStart(2, '0');
  const day = String(random.int(1, 28)).padStart(2, '0');
  return {
    url,
    title: `${question.slice(0, 60)} | ${domain}`,
    snippet: `A guide from ${domain} about ${question.slice(0, 80)}.`,
    date: `2026-${month}-${day}`,
    domain,
  };
}

function describeBrand(random: SeededRandom): string {
  const roll = random.next();
  if (roll < 0.55) return random.pick(POSITIVE);
  if (roll < 0.85) return random.pick(NEUTRAL);
  return random.pick(NEGATIVE);
}

function citeSome(random: SeededRandom, sourceCount: number): number[] {
  const roll = random.next();
  if (roll < 0.25) return [];
  const first = random.int(0, sourceCount - 1);
  if (roll < 0.8 || sourceCount < 2) return [first];
  return [first, (first + 1) % sourceCount];
}

function brandSegments(random: SeededRandom, brands: string[], sourceCount: number): AnswerSegment[] {
  if (brands.length === 0) return [];
  const asList = random.next() < 0.5;
  if (asList) {
    const segments: AnswerSegment[] = [{ text: 'Options worth a look:', cites: [], after: '\n\n' }];
    brands.forEach((brand, i) => {
      const last = i === brands.length - 1;
      segments.push({
        text: `${i + 1}. **${brand}**: ${describeBrand(random)}.`,
        cites: citeSome(random, sourceCount),
        after: last ? '\n\n' : '\n',
      });
    });
    return segments;
  }
  return brands.map((brand) => ({
    text: `${brand} is ${describeBrand(random)}.`,
    cites: citeSome(random, sourceCount),
    after: ' ',
  }));
}

export function simulateAnswer(question: string, variant: string, settings: AnswerSettings): SimulatedAnswer {
  const random = new SeededRandom(hashString(question, settings.seed) ^ hashString(variant));
  const shortQuestion = question.trim().replace(/\s+/g, ' ').slice(0, 200) || 'your question';
  const domains = settings.domains.length > 0 ? settings.domains : ['example.com'];
  const sourceCount = random.int(3, 6);
  const sources: SimulatedSource[] = [];
  for (let i = 0; i < sourceCount; i++)
    sources.push(sourceFor(domains[i % domains.length]!, shortQuestion, random));

  const brandCount = random.next() < 0.15 ? 0 : random.int(1, Math.min(4, settings.brands.length));
  const brands = random.sample(settings.brands, brandCount);

  const segments: AnswerSegment[] = [];
  if (settings.label) segments.push({ text: SIMULATED_LABEL, cites: [], after: '\n\n' });
  segments.push({ text: `Here is an overview for "${shortQuestion}".`, cites: [0], after: '\n\n' });
  segments.push(...brandSegments(random, brands, sourceCount));
  segments.push({ text: random.pick(CLOSINGS), cites: citeSome(random, sourceCount), after: '' });

  const searchQueries = [shortQuestion.toLowerCase().slice(0, 80)];
  if (random.next() < 0.5) searchQueries.push(`${searchQueries[0]} reviews 2026`);

  const textLength = segments.reduce((n, s) => n + s.text.length + s.after.length, 0);
  return {
    segments,
    sources,
    searchQueries,
    brands,
    inputTokens: 8 + Math.ceil(question.length / 4),
    outputTokens: Math.ceil(textLength / 4) + sources.length * 6,
  };
}
