import { DAY_MS } from '@lantern/event-store';
import { GENERATION_DAYS, generationKeepDays, generationOf, keptGenerations } from './inbox-generations';

describe('inbox generations: which store holds a message, and which stores are still kept', () => {
  const epoch = new Date(0);
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

  it('a message goes into the generation of its cause\'s time, named by the generation\'s first day; before the cutover, into the store kept before generations', () => {
    const generation = generationOf(day('2026-12-03'), epoch)!;
    expect(generation).toMatch(/^\d{8}$/);
    const first = Date.UTC(Number(generation.slice(0, 4)), Number(generation.slice(4, 6)) - 1, Number(generation.slice(6, 8)));
    expect((first / DAY_MS) % GENERATION_DAYS).toBe(0);
    expect(generationOf(new Date(first), epoch)).toBe(generation);
    expect(generationOf(new Date(first + GENERATION_DAYS * DAY_MS - 1), epoch)).toBe(generation);
    expect(generationOf(new Date(first + GENERATION_DAYS * DAY_MS), epoch)).not.toBe(generation);
    expect(generationOf(day('2026-12-01'), day('2026-12-02'))).toBeNull();
  });

  it('kept: newest first, each until keepDays after its last day, as the sweeper drops them; the store before generations until keepDays after the cutover\'s day', () => {
    const now = day('2026-12-03');
    const kept = keptGenerations(now, 90, epoch);
    expect(kept[0]).toBe(generationOf(now, epoch));
    expect(kept.length).toBeGreaterThanOrEqual(4);
    expect(kept.length).toBeLessThanOrEqual(5);
    for (const generation of kept) {
      const first = Date.UTC(Number(generation!.slice(0, 4)), Number(generation!.slice(4, 6)) - 1, Number(generation!.slice(6, 8)));
      // The RetentionSweeper drops a bucket of day D when D + keepDays + 1 begins.
      expect(first + (generationKeepDays(90) + 1) * DAY_MS).toBeGreaterThan(now.getTime());
    }
    const oneBefore = Date.UTC(Number(kept.at(-1)!.slice(0, 4)), Number(kept.at(-1)!.slice(4, 6)) - 1, Number(kept.at(-1)!.slice(6, 8))) - GENERATION_DAYS * DAY_MS;
    expect(oneBefore + (generationKeepDays(90) + 1) * DAY_MS).toBeLessThanOrEqual(now.getTime());

    const cutover = day('2026-11-20');
    expect(keptGenerations(now, 90, cutover).at(-1)).toBeNull();
    expect(keptGenerations(new Date(cutover.getTime() + 91 * DAY_MS), 90, cutover)).not.toContain(null);
    expect(keptGenerations(new Date(cutover.getTime() + 91 * DAY_MS - 1), 90, cutover)).toContain(null);
  });
});
