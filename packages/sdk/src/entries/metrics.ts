// `@citebots/sdk/metrics`: visibility metrics of a run (loads the answer analysis, not the runner or reports).
export * from '../metrics/index.js';
