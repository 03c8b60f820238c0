import { estimateDistinct, mergeSketches, registerOf, Sketch } from './hyperloglog';

const sketchOf = (residents: string[]): Sketch => {
  const sketch: Sketch = {};
  for (const resident of residents) {
    const { register, rank } = registerOf(resident);
    sketch[register] = Math.max(sketch[register] ?? 0, rank);
  }
  return sketch;
};
const residents = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `res-${from + i}`);

describe('distinct residents by HyperLogLog', () => {
  it('small counts are exact, and adding a resident again changes nothing', () => {
    expect(estimateDistinct({})).toBe(0);
    expect(estimateDistinct(sketchOf(['res-a', 'res-b', 'res-a', 'res-a']))).toBe(2);
    expect(estimateDistinct(sketchOf(residents(0, 50)))).toBe(50);
  });

  it("a town's worth (12,984 residents) within 3 %, and overlapping days merge without double counting", () => {
    const firstHalf = sketchOf(residents(0, 8_000));
    const secondHalf = sketchOf(residents(5_000, 12_984));
    const estimate = estimateDistinct(mergeSketches([firstHalf, secondHalf]));
    expect(Math.abs(estimate - 12_984) / 12_984).toBeLessThan(0.03);
  });
});
