/**
 * Built-in question templates by intent. Placeholders: {keyword}, {brand}, {competitor},
 * {industry}. A template whose placeholder has no value for the profile is skipped.
 */
export const DEFAULT_TEMPLATES: Readonly<Record<string, readonly string[]>> = {
  recommendation_request: [
    'What is the best {keyword}?',
    'Which {keyword} would you recommend for {industry} companies?',
    'What are the top {keyword} options right now?',
  ],
  comparison: [
    'How do the leading {keyword} options compare?',
    'What are the best alternatives to {competitor} for {keyword}?',
    '{brand} vs {competitor}: which is better for {keyword}?',
  ],
  how_to: ['How do I choose {keyword}?', 'How do I get started with {keyword}?'],
  definition: ['What is {keyword} and how does it work?'],
  pricing: ['How much does {keyword} cost?', 'Is there affordable {keyword} with a free plan?'],
  review: ['Is {brand} a good choice for {keyword}?', 'Which {keyword} providers have the best reviews?'],
};

export const DEFAULT_INTENTS = [
  'recommendation_request',
  'comparison',
  'how_to',
  'pricing',
  'review',
] as const;

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
}

export function fill(template: string, values: Record<string, string | undefined>): string | null {
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const v = values[key];
    if (!v) missing = true;
    return v ?? '';
  });
  return missing ? null : text.replace(/\s+/g, ' ').trim();
}
