import type { SimulatedAnswer } from '../simulated-answer.js';

/** What a wire format needs to render one successful answer. */
export interface RenderContext {
  model: string;
  question: string;
  answer: SimulatedAnswer;
  /** `http://127.0.0.1:<port>`, for links back to the fake server (Gemini redirects). */
  serverUrl: string;
  /** A unique, secret-free id for this response. */
  id: string;
  /** Unix seconds. */
  created: number;
  /** The request body, for options that change the answer (search context size...). */
  body: Record<string, unknown>;
}

export const SIMULATED_MARKER = 'citebots_simulated';
