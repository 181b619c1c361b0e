import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ClientProfile, parseClientProfile, parseQueryList, type QueryInput } from '@citebots/sdk';

/** Used when the repository's examples/ folder is not next to the CLI (an npm install). */
const BUILT_IN_CLIENT = {
  name: 'Knak',
  domain: 'knak.com',
  aliases: ['Knak email'],
  competitors: [
    { name: 'Stensul', domain: 'stensul.com' },
    { name: 'Dyspatch', domain: 'dyspatch.io' },
    { name: 'Beefree', domain: 'beefree.io', aliases: ['BEE Free'] },
    { name: 'Stripo', domain: 'stripo.email' },
  ],
};

const BUILT_IN_QUERIES = `What is the best email creation platform for enterprise marketing teams?
Which email builders integrate natively with Marketo?
Best no-code email builder for Salesforce Marketing Cloud
How can a marketing team build on-brand emails without writing HTML?
Knak vs Stensul: which is better for large marketing teams?
What are the best alternatives to Stensul?
How do enterprise companies speed up email production?
What email template tools support brand locking and approval workflows?
`;

function findExamples(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    resolve('examples'),
    join(here, '../../../../examples'),
    join(here, '../../../examples'),
  ];
  return (
    candidates.find((dir) => existsSync(join(dir, 'client.json')) && existsSync(join(dir, 'queries.txt'))) ??
    null
  );
}

export interface DemoInputs {
  client: ClientProfile;
  queries: QueryInput[];
  /** Where they came from: a folder, or `built-in`. */
  source: string;
}

/** The example client and queries: the repository's examples/ folder when present, else built-in copies. */
export function loadDemoInputs(maxQueries?: number): DemoInputs {
  const dir = findExamples();
  let client: ClientProfile;
  let queries: QueryInput[];
  let source = 'built-in';
  try {
    if (!dir) throw new Error('no examples folder');
    client = parseClientProfile(
      JSON.parse(readFileSync(join(dir, 'client.json'), 'utf8')),
      join(dir, 'client.json'),
    );
    queries = parseQueryList(readFileSync(join(dir, 'queries.txt'), 'utf8'), join(dir, 'queries.txt'), 'txt');
    source = dir;
  } catch {
    client = parseClientProfile(BUILT_IN_CLIENT, 'built-in demo client');
    queries = parseQueryList(BUILT_IN_QUERIES, 'built-in demo queries', 'txt');
  }
  return { client, queries: maxQueries ? queries.slice(0, maxQueries) : queries, source };
}
