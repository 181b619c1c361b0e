export {
  buildFakeErrorResponse,
  buildFakeResponse,
  type FakeErrorKind,
  type FakeResponseOptions,
} from './fixture-builders.js';
export { GROUNDING_REDIRECT_PATH, groundingToken } from './formats/gemini.js';
export type { ErrorReply as FakeErrorReply } from './provider-errors.js';
export { SIMULATED_LABEL } from './simulated-answer.js';
export { startFakeProviderServer } from './start-fake-provider-server.js';
export type {
  FakeFaultOptions,
  FakeKeyStats,
  FakeProviderKind,
  FakeProviderServer,
  FakeProviderServerOptions,
  FakeProviderStats,
  FakeRateLimitOptions,
  FakeRequestContext,
  FaultKind,
  LatencyOption,
  RecordedRequest,
} from './types.js';
