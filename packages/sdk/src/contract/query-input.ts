/** One question to ask an engine, as the runner hands it to a platform. */
export interface QueryInput {
  /** Stable id of the query within a run (derived from its text unless given). */
  id: string;
  text: string;
  keyword?: string | null;
  intent?: string | null;
  category?: string | null;
}
