export {
  createTestDatabase,
  type TestDatabase,
  type TestDatabaseKind,
  testServerUrl,
} from './test-database.js';
