import { CitebotsError } from './citebots-error.js';

export interface InputProblem {
  /** Dotted path of the field, e.g. `competitors[1].domain`; empty for the whole file. */
  field: string;
  /** The offending value as the user wrote it (shortened). */
  value: unknown;
  /** What is wrong. */
  problem: string;
  /** What to do about it. */
  fix: string;
}

function show(value: unknown): string {
  if (value === undefined) return '(missing)';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function formatInputProblem(source: string, p: InputProblem): string {
  const where = p.field ? `${source}: field "${p.field}"` : source;
  return `${where} ${p.problem} (got ${show(p.value)}). Fix: ${p.fix}`;
}

/** Input a user wrote (a file, a flag) is invalid. Names the file, the field, the value and the fix. */
export class InputError extends CitebotsError {
  readonly source: string;
  readonly problems: InputProblem[];

  constructor(source: string, problems: InputProblem[]) {
    const lines = problems.map((p) => formatInputProblem(source, p));
    super(
      'invalid_input',
      lines.length === 1 ? lines[0]! : `${source} has ${lines.length} problems:\n- ${lines.join('\n- ')}`,
      {
        details: { source, problems: problems.map((p) => ({ ...p, value: show(p.value) })) },
      },
    );
    this.source = source;
    this.problems = problems;
  }
}
