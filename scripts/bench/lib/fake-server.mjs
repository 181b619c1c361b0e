import { fork } from 'node:child_process';
import { join } from 'node:path';
import { CHILDREN } from './paths.mjs';

function reply(child, type) {
  return new Promise((resolve, reject) => {
    const onMessage = (m) => {
      if (m?.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m);
    };
    const onExit = (code) => reject(new Error(`fake provider server exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Starts the fake provider server in a child process (pinned to `core` when given). */
export async function startFakeServerProcess(options, { core } = {}) {
  const child = fork(join(CHILDREN, 'fake-server.mjs'), [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (core != null) {
    const { execFileSync } = await import('node:child_process');
    try {
      execFileSync('taskset', ['-pc', String(core), String(child.pid)], { stdio: 'ignore' });
    } catch {}
  }
  const ready = await reply(child, 'ready');
  return {
    url: ready.url,
    async stats() {
      const p = reply(child, 'stats');
      child.send('stats');
      return (await p).stats;
    },
    async reset() {
      const p = reply(child, 'reset');
      child.send('reset');
      await p;
    },
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.send('close');
      await exited;
    },
  };
}
