export { checkPlatformResult, checkPlatformShape, findSecret } from './conformance-checks.js';
export type {
  ConformanceEndpoint,
  ConformanceScenario,
  PlatformConformanceOptions,
  PlatformConformanceSetup,
} from './conformance-options.js';
export { describePlatformConformance } from './describe-platform-conformance.js';
