import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { QueryInput } from '../contract/query-input.js';
import { InputError } from '../errors/input-error.js';
import { type ClientProfile, clientProfileSchema } from './client-profile.js';
import { parseCsv } from './csv.js';
import { queryListSchema, toQueryInputs } from './query-list.js';
import { parseInput } from './validate.js';

async function readText(path: string, what: string, example: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(path, [
      {
        field: '',
        value: path,
        problem: code === 'ENOENT' ? `does not exist` : `cannot be read (${code ?? 'error'})`,
        fix: `pass the path of ${what}, for example ${example}`,
      },
    ]);
  }
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError(source, [
      {
        field: '',
        value: text.slice(0, 40),
        problem: `is not valid JSON (${(error as Error).message})`,
        fix: 'correct the JSON syntax',
      },
    ]);
  }
}

/** Reads and validates a client profile (JSON). */
export async function loadClientProfile(path: string): Promise<ClientProfile> {
  const text = await readText(path, 'a client profile', 'examples/client.json');
  return parseClientProfile(parseJson(text, path), path);
}

export function parseClientProfile(data: unknown, source = 'client profile'): ClientProfile {
  return parseInput(clientProfileSchema, data, source);
}

const HEADER_ALIASES: Record<string, string> = { query: 'text', question: 'text', prompt: 'text' };

/**
 * Parses a query list: plain text (one question per line; `#` starts a comment), CSV with a header
 * naming `text` (or `query`) and optionally `keyword`, `intent`, `category`, `id`, or JSON (an array of
 * strings or of objects with those fields).
 */
export function parseQueryList(text: string, source: string, format?: 'txt' | 'csv' | 'json'): QueryInput[] {
  const kind = format ?? inferFormat(source, text);
  let entries: unknown;
  if (kind === 'json') {
    const data = parseJson(text, source);
    entries = Array.isArray(data) ? data.map((e) => (typeof e === 'string' ? { text: e } : e)) : data;
  } else if (kind === 'csv') {
    const [header, ...rows] = parseCsv(text);
    if (!header)
      throw new InputError(source, [
        { field: '', value: '', problem: 'is empty', fix: 'add a header line and one query per line' },
      ]);
    const names = header.map((h) => {
      const n = h.trim().toLowerCase();
      return HEADER_ALIASES[n] ?? n;
    });
    if (!names.includes('text')) {
      throw new InputError(source, [
        {
          field: 'header',
          value: header.join(','),
          problem: 'has no "text" or "query" column',
          fix: 'name the question column "query", e.g. "query,keyword,intent,category"',
        },
      ]);
    }
    entries = rows.map((cells) => {
      const entry: Record<string, string> = {};
      names.forEach((name, i) => {
        const cell = cells[i]?.trim();
        if (cell) entry[name] = cell;
      });
      return entry;
    });
  } else {
    entries = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => ({ text: line }));
  }
  return toQueryInputs(parseInput(queryListSchema, entries, source));
}

function inferFormat(source: string, text: string): 'txt' | 'csv' | 'json' {
  const ext = extname(source).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  if (ext === '.txt' || ext === '') return /^\s*[[{]/.test(text) && ext === '' ? 'json' : 'txt';
  return 'txt';
}

/** Reads and validates a query list file (.txt, .csv or .json). */
export async function loadQueryList(path: string): Promise<QueryInput[]> {
  const text = await readText(path, 'a query list', 'examples/queries.txt');
  return parseQueryList(text, path);
}
