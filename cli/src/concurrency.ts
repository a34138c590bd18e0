/**
 * Accounts audited at once, and regions of one account read at once, unless `--concurrency` says
 * otherwise (from 1 to `MAX_CONCURRENCY`).
 */
export const DEFAULT_CONCURRENCY = 4;

/** The most `--concurrency` accepts. */
export const MAX_CONCURRENCY = 64;

/**
 * Maps `items` with at most `limit` calls of `fn` in flight, keeping the order of `items`. The audit
 * bounds accounts and regions this way, so that a large organization does not open hundreds of
 * connections at once (the SDK's adaptive retry handles what throttling remains).
 */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
