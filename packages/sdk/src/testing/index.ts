export * from './conformance/index.js';
export { expectMissingKeyRefused } from './expect-missing-key.js';
export { expectPlatformError } from './expect-platform-error.js';
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
export { type RecordedProviderResponse, recordedProviderResponses } from './recorded-provider-responses.js';
export {
  type RecordedHttpRequest,
  type RecordingHandler,
  type RecordingHttpServer,
  type RecordingReply,
  refusedUrl,
  startRecordingHttpServer,
} from './recording-http-server.js';
export {
  createTestDatabase,
  type TestDatabase,
  type TestDatabaseKind,
  testServerUrl,
} from './test-database.js';
export { useRecordingHttpServer } from './use-recording-http-server.js';
