import { PlatformError } from '../errors/platform-error.js';
import { vitestApi } from './vitest-api.js';

/** Awaits a promise that must reject with a PlatformError (the test fails otherwise) and returns the error. */
export async function expectPlatformError(promise: Promise<unknown>): Promise<PlatformError> {
  const { expect } = vitestApi();
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(PlatformError.isPlatformError(error)).toBe(true);
  return error as PlatformError;
}
