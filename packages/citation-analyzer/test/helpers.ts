import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixtureBytes(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export function fixture(name: string): string {
  return fixtureBytes(name).toString('utf8');
}

/** The client of the test fixtures (the shape of a ClientProfile). */
export const KNAK = {
  name: 'Knak',
  domain: 'knak.com',
  aliases: ['Knak.com'],
  competitors: [
    { name: 'Stensul', domain: 'stensul.com', aliases: [] },
    { name: 'Dyspatch', domain: 'dyspatch.io', aliases: [] },
  ],
  keywords: [],
};
