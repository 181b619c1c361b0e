import { randomBytes } from 'node:crypto';
import { dist } from './paths.mjs';

export const PG_SERVER = process.env.CITEBOTS_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function withDatabase(name) {
  const u = new URL(PG_SERVER);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sql) {
  const { openDatabase } = await import(dist('sdk'));
  const db = await openDatabase({ url: PG_SERVER, migrate: false, maxConnections: 1 });
  try {
    return await db.query(sql);
  } finally {
    await db.close();
  }
}

/** A fresh, empty database on the local server; `drop()` removes it. */
export async function freshDatabase(label) {
  const name = `citebots_bench_${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  return { name, url: withDatabase(name), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** Creates a fresh database and brings it to our schema. */
export async function freshCitebotsDatabase(label) {
  const fresh = await freshDatabase(label);
  const { openDatabase } = await import(dist('sdk'));
  const db = await openDatabase({ url: fresh.url, maxConnections: 1 });
  await db.close();
  return fresh;
}

export async function serverVersion() {
  const rows = await admin('SHOW server_version');
  return rows[0]?.server_version ?? null;
}
