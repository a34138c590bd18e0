import { mapWithConcurrency } from '../../src/concurrency';

test('never more than the limit in flight, results in input order', async () => {
  let inFlight = 0;
  let most = 0;
  const results = await mapWithConcurrency(Array.from({ length: 20 }, (_, i) => i), 3, async i => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise(resolve => setTimeout(resolve, (i * 7) % 5));
    inFlight--;
    return i * 2;
  });
  expect(most).toBe(3);
  expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
});

test('a failure rejects the whole map', async () => {
  await expect(mapWithConcurrency([1, 2, 3], 2, async i => {
    if (i === 2) throw new Error('boom');
    return i;
  })).rejects.toThrow('boom');
});
