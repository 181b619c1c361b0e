// `@citebots/sdk/errors`: the error classes and secret redaction alone (no zod, no database driver),
// for programs that must start fast. The same classes as the root entry's, so `instanceof` holds.
export * from '../errors/index.js';
export { parseInput } from '../schemas/validate.js';
