import { CandidateInput, needsWorkload, selectCandidates } from './candidate-selection';

const now = new Date('2026-01-10T00:00:00Z');
const worker = (socialWorkerId: string, overrides: Partial<CandidateInput> = {}): CandidateInput => ({
  socialWorkerId,
  skills: ['health'],
  active: true,
  available: true,
  supervisor: false,
  capacity: 4,
  load: 0,
  servedResidentBefore: false,
  lastClaimedAt: null,
  offeredInRound: null,
  ...overrides,
});

describe('selectCandidates', () => {
  it('ranks by spare capacity, continuity and fairness, and takes the best N', () => {
    const verdicts = selectCandidates(
      { category: 'health' },
      [
        worker('loaded', { load: 3 }),
        worker('continuity', { servedResidentBefore: true, load: 2, lastClaimedAt: new Date('2026-01-09T00:00:00Z') }),
        worker('idle'),
        worker('recent', { lastClaimedAt: now }),
      ],
      2,
      1,
      now,
    );
    expect(verdicts.map((verdict) => [verdict.socialWorkerId, verdict.score, verdict.chosen])).toEqual([
      ['idle', 70, true],
      ['continuity', 54, true],
      ['loaded', 40, false],
      ['recent', 40, false],
    ]);
    expect(verdicts[2].reasons.at(-1)).toBe('ranked 3 of 4: kept for a later round');
  });

  it('lists every failed hard filter as a reason, and keeps those offered before out of later rounds', () => {
    const [verdict] = selectCandidates({ category: 'family' }, [worker('w', { active: false, available: false, load: 4, offeredInRound: 1 })], 3, 2, now);
    expect(verdict).toMatchObject({ eligible: false, chosen: false, rank: null, score: null });
    expect(verdict.reasons).toEqual(['already offered in round 1', 'not active on the roster', 'not available (on leave)', 'no skill in family', 'at capacity (4/4)']);
  });

  it('breaks ties by id, so two replicas rank the same roster the same way', () => {
    const verdicts = selectCandidates({ category: 'health' }, [worker('b'), worker('a'), worker('c')], 1, 1, now);
    expect(verdicts.map((verdict) => verdict.socialWorkerId)).toEqual(['a', 'b', 'c']);
    expect(verdicts.filter((verdict) => verdict.chosen).map((verdict) => verdict.socialWorkerId)).toEqual(['a']);
  });

  it('needs the workload only of those the roster alone does not rule out; their reasons then leave capacity out', () => {
    const { load: _load, servedResidentBefore: _served, lastClaimedAt: _last, ...facts } = worker('w');
    expect(needsWorkload({ category: 'health' }, facts)).toBe(true);
    expect(needsWorkload({ category: 'family' }, facts)).toBe(false);
    expect(needsWorkload({ category: 'health' }, { ...facts, supervisor: true })).toBe(false);
    const [verdict] = selectCandidates({ category: 'family' }, [worker('w', { load: null })], 3, 1, now);
    expect(verdict).toMatchObject({ eligible: false, reasons: ['no skill in family'] });
    // Someone the roster does not rule out cannot be judged without their workload.
    expect(() => selectCandidates({ category: 'health' }, [worker('w', { load: null })], 3, 1, now)).toThrow('workload');
  });
});
