export * from './conformance/index.js';
export {
  type FakeHttpHandler,
  type FakeHttpServer,
  type FakeHttpServerOptions,
  readBody,
  readJsonBody,
  sendJson,
  startFakeHttpServer,
} from './fake-http-server.js';
export * from './fake-provider/index.js';
export {
  createTestDatabase,
  type TestDatabase,
  type TestDatabaseKind,
  testServerUrl,
} from './test-database.js';
