import {
  VolunteerConsentWithdrawnV1,
  VolunteerHoursCreditedV1,
  VolunteerLevelReachedV1,
  VolunteerRegisteredV1,
  VolunteerReinstatedV1,
  VolunteerSuspendedV1,
  VolunteerTrainingRecordedV1,
} from '@lantern/contracts';
import { StoredEvent } from '@lantern/event-store';
import { validTraining, volunteerReducer, VolunteerState } from './volunteer.state';

const fold = (events: [string, Record<string, unknown>][], from: VolunteerState = volunteerReducer.initial()) =>
  events.reduce((state, [type, data]) => volunteerReducer.apply(state, { type, data } as StoredEvent), from);

const registered = fold([[VolunteerRegisteredV1.type, { volunteerId: 'vol-1', villages: ['meisha'], skills: ['tutoring'], consentVersion: '2026-01', registeredAt: '2026-02-01T00:00:00.000Z' }]]);
const credit = (entryId: string, hours: number) => [VolunteerHoursCreditedV1.type, { entryId, sourceType: 'grant', sourceId: entryId, hours, correctsEntryId: null, creditedBy: 'admin-1', creditedAt: '2026-03-01T00:00:00.000Z' }] as [string, Record<string, unknown>];

describe("a volunteer's stream folded", () => {
  it('starts as nobody, and registration makes an active volunteer with their villages and skills', () => {
    expect(volunteerReducer.initial()).toMatchObject({ exists: false, entries: [], totalHours: 0, starsAnnounced: 0 });
    expect(registered).toMatchObject({ exists: true, id: 'vol-1', status: 'active', villages: ['meisha'], skills: ['tutoring'], consentVersion: '2026-01' });
  });

  it('suspension, reinstatement and consent withdrawal each set the status; a new registration after withdrawal makes them active again', () => {
    expect(fold([[VolunteerSuspendedV1.type, {}]], registered)).toMatchObject({ status: 'suspended' });
    expect(fold([[VolunteerSuspendedV1.type, {}], [VolunteerReinstatedV1.type, {}]], registered)).toMatchObject({ status: 'active' });
    const withdrawn = fold([[VolunteerConsentWithdrawnV1.type, {}]], registered);
    expect(withdrawn).toMatchObject({ status: 'withdrawn' });
    expect(fold([[VolunteerRegisteredV1.type, { volunteerId: 'vol-1', villages: ['meisha'], skills: [], consentVersion: '2026-02', registeredAt: '2026-04-01T00:00:00.000Z' }]], withdrawn)).toMatchObject({ status: 'active' });
  });

  it('the ledger appends entries in order and keeps the total to two decimals; corrections count negative', () => {
    const state = fold([credit('a', 0.1), credit('b', 0.2), credit('c', -0.05)], registered);
    expect(state.entries.map((entry) => entry.entryId)).toEqual(['a', 'b', 'c']);
    expect(state.totalHours).toBe(0.25);
  });

  it('the highest star level announced never goes down, even when a later event names a lower one', () => {
    const state = fold([[VolunteerLevelReachedV1.type, { stars: 2 }], [VolunteerLevelReachedV1.type, { stars: 1 }]], registered);
    expect(state.starsAnnounced).toBe(2);
  });

  it('training qualifies from the day it was completed until it expires, inclusive', () => {
    const state = fold([[VolunteerTrainingRecordedV1.type, { courseCode: 'first-aid', completedOn: '2026-01-10', trainingHours: 6, validUntil: '2026-12-31' }]], registered);
    expect(validTraining(state, 'first-aid', '2026-01-09')).toBeUndefined();
    expect(validTraining(state, 'first-aid', '2026-01-10')).toMatchObject({ courseCode: 'first-aid' });
    expect(validTraining(state, 'first-aid', '2026-12-31')).toBeDefined();
    expect(validTraining(state, 'first-aid', '2027-01-01')).toBeUndefined();
    expect(validTraining(state, 'lifeguard', '2026-06-01')).toBeUndefined();
  });

  it('ignores events it does not know', () => {
    expect(fold([['lantern.volunteer.something-new.v9', {}]], registered)).toBe(registered);
  });

  it('before registration a status event changes nothing, while training and hours are kept for when they register', () => {
    const nobody = volunteerReducer.initial();
    expect(fold([[VolunteerSuspendedV1.type, {}], [VolunteerReinstatedV1.type, {}], [VolunteerConsentWithdrawnV1.type, {}]], nobody)).toEqual(nobody);
    const early = fold([credit('a', 1.5)], nobody);
    expect(early).toMatchObject({ exists: false, totalHours: 1.5 });
    expect(fold([[VolunteerRegisteredV1.type, { volunteerId: 'vol-1', villages: [], skills: [], consentVersion: '2026-01', registeredAt: '2026-02-01T00:00:00.000Z' }]], early)).toMatchObject({
      exists: true,
      status: 'active',
      totalHours: 1.5,
    });
  });
});
