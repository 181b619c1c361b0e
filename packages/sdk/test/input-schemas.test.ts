import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  InputError,
  loadClientProfile,
  parseClientProfile,
  parseQueryList,
  queryIdFor,
} from '../src/index.js';

describe('client profile', () => {
  it('normalises domains and fills defaults', () => {
    const p = parseClientProfile({
      name: 'Knak',
      domain: 'https://www.Knak.com/',
      competitors: [{ name: 'Brevo', domain: 'brevo.com' }],
    });
    expect(p.domain).toBe('knak.com');
    expect(p.aliases).toEqual([]);
    expect(p.competitors[0]).toEqual({ name: 'Brevo', domain: 'brevo.com', aliases: [] });
  });

  it('names the file, the field, the bad value and the fix', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'citebots-'));
    const file = join(dir, 'client.json');
    await writeFile(
      file,
      JSON.stringify({
        name: 'Knak',
        domain: 'knak.com',
        competitors: [{ name: 'Brevo', domain: 'not a domain' }],
      }),
    );
    const error = await loadClientProfile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).message;
    expect(message).toContain(file);
    expect(message).toContain('competitors[0].domain');
    expect(message).toContain('"not a domain"');
    expect(message).toContain('Fix:');
  });

  it('rejects unknown fields with the field name', () => {
    expect(() => parseClientProfile({ name: 'Knak', domain: 'knak.com', competitorz: [] }, 'c.json')).toThrow(
      /competitorz/,
    );
  });

  it('says which file does not exist', async () => {
    await expect(loadClientProfile('/nope/client.json')).rejects.toThrow(
      /\/nope\/client.json does not exist/,
    );
  });
});

describe('query lists', () => {
  it('reads plain text lines, skipping blanks, comments and duplicates', () => {
    const qs = parseQueryList('# market\nBest email tools?\n\nbest  email tools?\nWhat is Knak?\n', 'q.txt');
    expect(qs.map((q) => q.text)).toEqual(['Best email tools?', 'What is Knak?']);
    expect(qs[0]!.id).toBe(queryIdFor('best email tools?'));
  });

  it('reads CSV with keyword, intent and category, quoted commas included', () => {
    const qs = parseQueryList(
      'query,keyword,intent,category\n"Best tools, 2026?",email,recommendation,product\n',
      'q.csv',
    );
    expect(qs).toEqual([
      {
        id: queryIdFor('Best tools, 2026?'),
        text: 'Best tools, 2026?',
        keyword: 'email',
        intent: 'recommendation',
        category: 'product',
      },
    ]);
  });

  it('reads JSON strings and objects', () => {
    const qs = parseQueryList(
      '["What is Knak?", {"text": "Knak vs Brevo?", "intent": "comparison"}]',
      'q.json',
    );
    expect(qs.map((q) => [q.text, q.intent])).toEqual([
      ['What is Knak?', null],
      ['Knak vs Brevo?', 'comparison'],
    ]);
  });

  it('points at the bad entry', () => {
    expect(() => parseQueryList('[{"text": "ok?"}, {"txt": "typo"}]', 'q.json')).toThrow(
      /q\.json: field "\[1\]/,
    );
  });
});
