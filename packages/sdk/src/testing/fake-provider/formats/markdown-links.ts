import type { SimulatedAnswer } from '../simulated-answer.js';

export interface LinkedCitation {
  url: string;
  title: string;
  /** UTF-16 offsets of the `([domain](url))` span in the text. */
  startIndex: number;
  endIndex: number;
}

/**
 * The answer as OpenAI writes it with web search: each cited sentence is followed by inline
 * markdown links `([domain](url?utm_source=openai))`, and each link is a citation span.
 */
export function withMarkdownLinks(answer: SimulatedAnswer): { text: string; citations: LinkedCitation[] } {
  let text = '';
  const citations: LinkedCitation[] = [];
  for (const segment of answer.segments) {
    text += segment.text;
    for (const index of segment.cites) {
      const source = answer.sources[index]!;
      const url = `${source.url}${source.url.includes('?') ? '&' : '?'}utm_source=openai`;
      text += ' ';
      const startIndex = text.length;
      text += `([${source.domain}](${url}))`;
      citations.push({ url, title: source.title, startIndex, endIndex: text.length });
    }
    text += segment.after;
  }
  return { text, citations };
}
