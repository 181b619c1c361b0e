import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseResult } from './child-result.mjs';

function childrenOf(pid) {
  const out = [];
  let tasks = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    } catch {}
  }
  return out;
}

function rssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Sum of VmRSS over a process and all its descendants, in MB. */
export function treeRssMb(pid) {
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    total += rssKb(p);
    stack.push(...childrenOf(p));
  }
  return total / 1024;
}

/**
 * Runs a command and measures it: wall time from spawn to exit, the peak of the summed resident
 * memory of its whole process tree (sampled every `sampleMs`), and the `BENCH_RESULT` line if any.
 */
export function measure(command, args, options = {}) {
  const { env, cwd, sampleMs = 20, timeoutMs = 300_000, input } = options;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: env ?? process.env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakTreeMb = 0;
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    if (input) child.stdin.end(input);
    else child.stdin.end();
    const sample = () => {
      peakTreeMb = Math.max(peakTreeMb, treeRssMb(child.pid));
    };
    const sampler = setInterval(sample, sampleMs);
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      clearInterval(sampler);
      clearTimeout(killer);
      resolve({ code, signal, wallMs, peakTreeMb, stdout, stderr, result: parseResult(stdout) });
    });
  });
}

/** Runs a Node script of ours and fails loudly when it does not report a result. */
export async function runNodeChild(script, args, options = {}) {
  const pin = options.pinCore != null ? ['taskset', ['-c', String(options.pinCore)]] : null;
  const nodeArgs = ['--max-old-space-size=4096', script, JSON.stringify(args)];
  const run = pin
    ? await measure(pin[0], [...pin[1], process.execPath, ...nodeArgs], options)
    : await measure(process.execPath, nodeArgs, options);
  if (run.code !== 0 || !run.result) {
    throw new Error(
      `${script} failed (exit ${run.code ?? run.signal}):\n${run.stderr.slice(-3000)}\n${run.stdout.slice(-1000)}`,
    );
  }
  return run;
}
