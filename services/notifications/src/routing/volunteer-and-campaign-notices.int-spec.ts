import {
  ActivityPublishedV1,
  ActivitySignUpCancelledV1,
  CharityCampaignCreatedV1,
  CharityManagerAddedV1,
  CharityManagerRemovedV1,
  CharityVisitFulfilledV1,
  VolunteerTaskAssignedV1,
} from '@lantern/contracts';
import { uniqueName } from '@lantern/testing';
import { cloudEvent, now, NotificationsFixture, startNotifications } from '../../test/notifications-fixture';

/** Issue 12 part 5: events of the volunteers and charity services reach the people they concern. */
describe('volunteer and campaign notices', () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(() => fx.stop());

  it('each volunteer assigned to a team task is told, with the order it is for', async () => {
    const [taskId, orderId, teamId] = [uniqueName('task'), uniqueName('ord'), uniqueName('team')];
    const [ana, bo] = [uniqueName('vol'), uniqueName('vol')];
    const assigned = cloudEvent(VolunteerTaskAssignedV1, taskId, { taskId, version: 2, orderId, teamId, volunteerIds: [ana, bo], assignedBy: 'coord-1', assignedAt: now() });
    await fx.publish(assigned);
    for (const volunteer of [ana, bo]) {
      const message = await fx.waitForMessage({ sub: volunteer, roles: ['volunteer'] }, assigned.id);
      expect(message.body).toContain(orderId);
    }
  });

  it('a sign-up cancelled by the organisers reaches the volunteer with the activity’s title; one they cancelled themselves does not', async () => {
    const [activityId, volunteer] = [uniqueName('act'), uniqueName('vol')];
    const title = uniqueName('灯会');
    const published = cloudEvent(ActivityPublishedV1, activityId, {
      activityId,
      version: 1,
      title,
      stationId: 'lizhoujiao-centre',
      villageId: 'lizhoujiao',
      teamId: null,
      startsAt: '2027-02-11T10:00:00.000Z',
      endsAt: '2027-02-11T14:00:00.000Z',
      capacity: 5,
      requiredSkills: [],
      requiredQualification: null,
      publishedBy: 'coord-1',
      publishedAt: now(),
    });
    const cancel = (version: number, cancelledBy: string) =>
      cloudEvent(ActivitySignUpCancelledV1, activityId, { activityId, version, volunteerId: volunteer, wasStatus: 'signed_up', cancelledBy, cancelledAt: now() });
    const byThemselves = cancel(3, volunteer);
    const byOrganiser = cancel(5, 'coord-1');
    await fx.publish(published, byThemselves, byOrganiser);

    const message = await fx.waitForMessage({ sub: volunteer, roles: ['volunteer'] }, byOrganiser.id);
    expect(message.body).toContain(title);
    // Both cancellations were handled in order on one partition: the first told nobody.
    expect((await fx.inbox({ sub: volunteer, roles: ['volunteer'] })).items.map((item) => item.causeEventType)).toEqual([ActivitySignUpCancelledV1.type]);
  });

  it('the managers of a campaign — its creator and those added, not those removed — hear that a funded visit was completed', async () => {
    const [campaignId, orderId] = [uniqueName('cmp'), uniqueName('ord')];
    const [creator, added, removed] = [uniqueName('cm'), uniqueName('cm'), uniqueName('cm')];
    const title = uniqueName('灯火万家');
    const fulfilled = cloudEvent(CharityVisitFulfilledV1, campaignId, {
      campaignId,
      version: 9,
      disbursementId: uniqueName('dis'),
      visitId: uniqueName('visit'),
      orderId,
      outcome: 'done',
      fulfilledAt: now(),
    });
    await fx.publish(
      cloudEvent(CharityCampaignCreatedV1, campaignId, {
        campaignId,
        version: 1,
        title,
        purpose: 'Visits to elderly residents living alone',
        partner: { name: '东莞市慈善会', filingNumber: '53441900MJL0000000A-2027-001' },
        startsOn: '2027-01-20',
        endsOn: '2027-02-20',
        createdBy: creator,
        createdAt: now(),
      }),
      cloudEvent(CharityManagerAddedV1, campaignId, { campaignId, version: 2, managerId: added, addedBy: creator, addedAt: now() }),
      cloudEvent(CharityManagerAddedV1, campaignId, { campaignId, version: 3, managerId: removed, addedBy: creator, addedAt: now() }),
      cloudEvent(CharityManagerRemovedV1, campaignId, { campaignId, version: 4, managerId: removed, removedBy: creator, removedAt: now() }),
      fulfilled,
    );

    for (const manager of [creator, added]) {
      const message = await fx.waitForMessage({ sub: manager, roles: ['campaign_manager'] }, fulfilled.id);
      expect(message.body).toContain(title);
      expect(message.body).toContain(orderId);
    }
    // Handled in order on one partition: by the time the others were told, the removal was applied.
    expect((await fx.inbox({ sub: removed, roles: ['campaign_manager'] })).items).toEqual([]);
  });
});
