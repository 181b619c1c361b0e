import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { EmbeddedDatabaseLockedError } from '../errors/storage-errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the embedded database's process lock (`<dataDir>.lock`, holding the owner's pid).
 * A lock left by a dead process is taken over. Returns the release function.
 */
export function acquireEmbeddedLock(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        rmSync(lockPath, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
      if (Number.isFinite(pid) && pid !== process.pid && alive(pid))
        throw new EmbeddedDatabaseLockedError(dataDir, pid);
      if (pid === process.pid) throw new EmbeddedDatabaseLockedError(dataDir, pid);
      rmSync(lockPath, { force: true });
    }
  }
  throw new EmbeddedDatabaseLockedError(dataDir, -1);
}
