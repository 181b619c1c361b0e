import { performance } from 'node:perf_hooks';

/**
 * Wraps a Database so that every statement sent through it (and through its transactions) is
 * counted and timed under the current `phase`. For the benchmarks' "where the time goes" tables.
 */
export function countStatements(db) {
  const state = { phase: 'all', transactions: 0, statements: {} };
  const wrap = (target) =>
    new Proxy(target, {
      get(t, key) {
        const value = t[key];
        if (key === 'query')
          return async (sql, params) => {
            const started = performance.now();
            const phase = state.phase;
            try {
              return await value.call(t, sql, params);
            } finally {
              const name = `${phase}: ${sql.replace(/\s+/g, ' ').trim().slice(0, 70)}`;
              state.statements[name] ??= { calls: 0, ms: 0 };
              state.statements[name].calls++;
              state.statements[name].ms += performance.now() - started;
            }
          };
        if (key === 'transaction')
          return (fn) => {
            state.transactions++;
            return value.call(t, (tx) => fn(wrap(tx)));
          };
        return typeof value === 'function' ? value.bind(t) : value;
      },
    });
  return {
    db: wrap(db),
    state,
    perJob(jobs) {
      return Object.entries(state.statements).map(([sql, s]) => ({
        sql,
        perJob: s.calls / jobs,
        msEach: s.ms / s.calls,
      }));
    },
  };
}
