// `@citebots/sdk/storage`: opening, migrating and querying the database, without the rest of the SDK.
// The database drivers (PGlite, postgres.js) load only when a database of that kind is opened.
export * from '../storage/index.js';
