/**
 * A loader that runs `load` (typically a dynamic `import()` of a provider's client library) on its
 * first call and shares the result afterwards, so a process that loads a plugin but never sends (a
 * CLI listing platforms, a config check) does not pay for that module graph. A failed load is tried
 * again on the next call.
 */
export function importOnFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
