import { spawn } from 'node:child_process';
import { parseResult } from './child-result.mjs';

/** Child side: say READY, wait for GO on stdin. */
export function waitForGo() {
  process.stdout.write('READY\n');
  return new Promise((resolve) => {
    process.stdin.on('data', (d) => {
      if (String(d).includes('GO')) resolve();
    });
  });
}

/**
 * Starts `count` Node children, waits until every one has started and connected (READY), then
 * releases them together (GO) and returns their results with the release time (epoch ms).
 */
export async function runTogether(script, argsFor, count, timeoutMs = 180_000) {
  const children = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(process.execPath, [script, JSON.stringify(argsFor(i))], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const entry = { child, stdout: '', stderr: '', ready: null, done: null };
    entry.ready = new Promise((resolve, reject) => {
      child.stdout.on('data', (d) => {
        entry.stdout += d;
        if (entry.stdout.includes('READY')) resolve();
      });
      child.once('exit', (code) =>
        reject(new Error(`${script} exited ${code} before READY: ${entry.stderr.slice(-1500)}`)),
      );
    });
    entry.done = new Promise((resolve) => child.once('close', (code) => resolve(code)));
    child.stderr.on('data', (d) => {
      entry.stderr += d;
    });
    children.push(entry);
  }
  const killer = setTimeout(() => {
    for (const c of children) c.child.kill('SIGKILL');
  }, timeoutMs);
  try {
    await Promise.all(children.map((c) => c.ready));
    const goAt = Date.now();
    for (const c of children) c.child.stdin.write('GO\n');
    const codes = await Promise.all(children.map((c) => c.done));
    const results = children.map((c, i) => {
      const r = parseResult(c.stdout);
      if (codes[i] !== 0 || !r)
        throw new Error(`${script} #${i} failed (${codes[i]}): ${c.stderr.slice(-1500)}`);
      return r;
    });
    return { goAt, results };
  } finally {
    clearTimeout(killer);
  }
}
