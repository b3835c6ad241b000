/** Most keys one load asks for; a larger turn's requests are split into several loads. */
const MAX_BATCH = 100;

interface Request<V> {
  readonly key: string;
  readonly resolve: (value: V | null) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Turns a per-key read into one read per turn of the event loop: the keys asked for in the same
 * turn (for example by the follow-up jobs of one claim, which start together) are loaded with one
 * `loadMany` query, and each caller gets its own row, or null when the query found none. A failed
 * load rejects every caller of that load. Keys are strings; `loadMany` answers a map by key.
 */
export function batchLoader<V>(
  loadMany: (keys: readonly string[]) => Promise<ReadonlyMap<string, V>>,
): (key: string) => Promise<V | null> {
  let pending: Request<V>[] = [];
  const load = async (batch: readonly Request<V>[]): Promise<void> => {
    try {
      const found = await loadMany([...new Set(batch.map((r) => r.key))]);
      for (const r of batch) r.resolve(found.get(r.key) ?? null);
    } catch (error) {
      for (const r of batch) r.reject(error);
    }
  };
  const flush = (): void => {
    const all = pending;
    pending = [];
    for (let at = 0; at < all.length; at += MAX_BATCH) void load(all.slice(at, at + MAX_BATCH));
  };
  return (key) =>
    new Promise<V | null>((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ key, resolve, reject });
    });
}
