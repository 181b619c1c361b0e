export { CitebotsError, type CitebotsErrorOptions } from './citebots-error.js';
export { ConfigError } from './config-error.js';
export { formatInputProblem, InputError, type InputProblem } from './input-error.js';
export { PlatformError, type PlatformErrorKind, type PlatformErrorOptions } from './platform-error.js';
export { redactDeep, redactSecrets, registerSecret } from './redact.js';
export { DatabaseError, EmbeddedDatabaseLockedError } from './storage-errors.js';
