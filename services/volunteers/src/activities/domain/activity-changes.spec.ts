import { Arrangement, changesBetween } from './activity-changes';

describe('what an activity change changed', () => {
  const before: Arrangement = { startsAt: '2027-10-10T01:00:00.000Z', endsAt: '2027-10-10T04:00:00.000Z', stationId: 'lizhoujiao-centre', villageId: 'lizhoujiao', capacity: 2 };

  it('names each part that differs, in the contract order, and nothing for the same arrangement', () => {
    expect(changesBetween(before, { ...before })).toEqual([]);
    expect(changesBetween(before, { ...before, endsAt: '2027-10-10T05:00:00.000Z' })).toEqual(['time']);
    expect(changesBetween(before, { ...before, capacity: 3, stationId: 'lizhoujiao-east' })).toEqual(['place', 'capacity']);
    expect(changesBetween(before, { ...before, villageId: 'meisha', startsAt: '2027-10-09T01:00:00.000Z', capacity: 5 })).toEqual(['time', 'place', 'capacity']);
  });
});
