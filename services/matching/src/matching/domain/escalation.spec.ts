import { MatchingBackstopOverdueV1, MatchingEscalatedV1 } from '@lantern/contracts';
import { escalationEvent, escalationRunOut } from './escalation';
import { matchingCaseReducer, MatchingCaseState } from './matching-case.state';

const order = { _id: 'ord-1', stationId: 'st-1', villageId: 'vil-1' };
const at = new Date('2026-12-01T10:00:00Z');
const escalated = (level: 'supervisor' | 'committee', backstopOverdueAt: string | null = null): MatchingCaseState => ({
  ...matchingCaseReducer.initial(),
  status: 'ESCALATED',
  escalations: [{ level, assignees: ['x'], escalatedAt: '2026-12-01T09:00:00.000Z' }],
  backstopOverdueAt,
});

describe('an escalated case whose clock runs out', () => {
  it('goes from the supervisors to the village committee', () => {
    expect(escalationRunOut(order, escalated('supervisor'), at)).toEqual([escalationEvent(order, 'committee', ['vil-1'], at)]);
    expect(escalationEvent(order, 'committee', ['vil-1'], at)).toEqual({
      type: MatchingEscalatedV1.type,
      data: { orderId: 'ord-1', level: 'committee', stationId: 'st-1', villageId: 'vil-1', assignees: ['vil-1'], escalatedAt: at.toISOString() },
    });
  });

  it("with the committee, alerts the centre's admins once", () => {
    expect(escalationRunOut(order, escalated('committee'), at)).toEqual([
      {
        type: MatchingBackstopOverdueV1.type,
        data: { orderId: 'ord-1', stationId: 'st-1', villageId: 'vil-1', escalatedAt: '2026-12-01T09:00:00.000Z', overdueAt: at.toISOString() },
      },
    ]);
    expect(escalationRunOut(order, escalated('committee', '2026-12-01T10:00:00.000Z'), at)).toEqual([]);
  });
});
