/**
 * `fn` remembered for its last distinct keys: a pure function of a string, called again and again
 * with the same few values (hosts, URLs, brand terms). The memory is emptied when it holds `limit`
 * keys, so it stays bounded however many distinct keys a long-running worker sees.
 */
export function boundedMemo<V>(limit: number, fn: (key: string) => V): (key: string) => V {
  const memory = new Map<string, V>();
  return (key) => {
    const known = memory.get(key);
    if (known !== undefined || memory.has(key)) return known as V;
    const value = fn(key);
    if (memory.size >= limit) memory.clear();
    memory.set(key, value);
    return value;
  };
}
