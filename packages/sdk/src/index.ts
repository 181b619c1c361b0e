export * from './analysis/index.js';
export * from './contract/index.js';
export * from './errors/index.js';
export * from './platform-utils/index.js';
export * from './runner/index.js';
export * from './schemas/index.js';
export * from './storage/index.js';
