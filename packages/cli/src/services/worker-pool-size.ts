/**
 * How many database connections a command that runs the worker opens. Few: postgres.js pipelines
 * statements on a busy connection, and every connection is a server process that warms its caches
 * and plans its statements on its own. Measured with `pnpm bench` on the local PostgreSQL (2 cores):
 * 4 connections finish the runner benchmark about 3 % faster than 10, for 30 calls in flight.
 */
export function workerPoolSize(concurrency: number): number {
  return Math.min(4, concurrency + 1);
}
