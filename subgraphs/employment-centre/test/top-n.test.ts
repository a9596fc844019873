import { TopN } from '../src/matching/matching.service';

describe('the best n of a stream', () => {
  it('keeps exactly what a full sort would put first, in order, ties included', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const items = Array.from({ length: 5000 }, (_, i) => ({ score: next() % 50, id: i }));
    const compare = (a: { score: number; id: number }, b: { score: number; id: number }) => b.score - a.score || a.id - b.id;
    for (const n of [1, 10, 100, 6000]) {
      const best = new TopN(n, compare);
      for (const item of items) best.offer(item);
      expect(best.sorted()).toEqual([...items].sort(compare).slice(0, n));
    }
  });
});
