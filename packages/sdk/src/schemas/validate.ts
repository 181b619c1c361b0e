import type { z } from 'zod';
import { InputError, type InputProblem } from '../errors/input-error.js';

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = data;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[part];
  }
  return cur;
}

function fixFor(issue: z.core.$ZodIssue, field: string): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `add "${field}" (${issue.expected})`
        : `make "${field}" a ${issue.expected}`;
    case 'unrecognized_keys':
      return `remove ${issue.keys.map((k) => `"${k}"`).join(', ')} or check the spelling against the documented fields`;
    case 'too_small':
      return `give "${field}" at least ${String(issue.minimum)} ${issue.origin === 'string' ? 'characters' : issue.origin === 'array' ? 'entries' : ''}`.trim();
    case 'too_big':
      return `keep "${field}" at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return `write "${field}" as a valid ${issue.format}`;
    case 'invalid_value':
      return `use one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `correct "${field}" as described`;
  }
}

/**
 * Validates user input with a zod schema and turns every issue into an `InputError` problem that
 * names the source file, the field, the bad value and the fix.
 */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, source: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems: InputProblem[] = result.error.issues.map((issue) => {
    const field = pathText(issue.path);
    const value = 'input' in issue && issue.input !== undefined ? issue.input : valueAt(data, issue.path);
    return {
      field,
      value,
      problem: issue.message.replace(/^Invalid input: /, ''),
      fix: fixFor(issue, field || 'the value'),
    };
  });
  throw new InputError(source, problems);
}
