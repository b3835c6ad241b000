import { describe, expect, it } from 'vitest';
import { batchLoader } from './batch-loader.js';

/** A loader over a fixed table that records the keys of every load. */
function recording(table: Record<string, number>) {
  const loads: string[][] = [];
  const state: { failWith?: Error } = {};
  const load = batchLoader<number>(async (keys) => {
    loads.push([...keys]);
    if (state.failWith) throw state.failWith;
    return new Map(keys.filter((k) => k in table).map((k) => [k, table[k]!]));
  });
  return { load, loads, state };
}

describe('batchLoader', () => {
  it('loads the keys asked for in one turn with one query, each caller getting its own row', async () => {
    const { load, loads } = recording({ a: 1, b: 2, c: 3 });
    const answers = await Promise.all([load('a'), load('b'), load('a'), load('missing')]);
    expect(answers).toEqual([1, 2, 1, null]);
    expect(loads).toEqual([['a', 'b', 'missing']]);
  });

  it('asks again for keys of a later turn', async () => {
    const { load, loads } = recording({ a: 1, b: 2 });
    expect(await load('a')).toBe(1);
    expect(await load('b')).toBe(2);
    expect(loads).toEqual([['a'], ['b']]);
  });

  it('splits a large turn into loads of at most 100 keys', async () => {
    const table = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`k${i}`, i]));
    const { load, loads } = recording(table);
    const answers = await Promise.all(Object.keys(table).map((k) => load(k)));
    expect(answers).toEqual(Object.values(table));
    expect(loads.map((keys) => keys.length)).toEqual([100, 100, 50]);
  });

  it('rejects every caller of a failed load, and loads again afterwards', async () => {
    const { load, state } = recording({ a: 1 });
    const failure = new Error('connection lost');
    state.failWith = failure;
    const results = await Promise.allSettled([load('a'), load('b')]);
    expect(results).toEqual([
      { status: 'rejected', reason: failure },
      { status: 'rejected', reason: failure },
    ]);
    delete state.failWith;
    expect(await load('a')).toBe(1);
  });
});
