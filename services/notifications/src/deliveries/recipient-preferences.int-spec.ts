import { OrderRoutedV1 } from '@lantern/contracts';
import { uniqueName, waitFor } from '@lantern/testing';
import { logCommands } from '../../test/command-log';
import { cloudEvent, now, NotificationsFixture, orderPlaced, startNotifications } from '../../test/notifications-fixture';
import { inboxMessageId, InboxRepository } from '../inbox/inbox.repository';
import { fulfillerInbox } from '../routing/notification';

describe("a recipient's preferences, as deliveries read them", () => {
  let fx: NotificationsFixture;

  beforeAll(async () => {
    fx = await startNotifications();
  });
  afterAll(() => fx.stop());

  it("a group inbox's message reads no preferences (nobody saves any under a group's id); its resident's are read", async () => {
    const [orderId, resident] = [uniqueName('ord'), uniqueName('res')];
    const group = fulfillerInbox({ type: 'committee', id: uniqueName('committee') });
    const commands = logCommands(fx.service.app);
    const placed = orderPlaced(orderId, resident);
    const routed = cloudEvent(OrderRoutedV1, orderId, {
      orderId,
      version: 4,
      fulfiller: { type: 'committee', id: group.split(':')[2] },
      routedBy: uniqueName('sw'),
      stationId: 'meisha-centre',
      villageId: 'meisha',
      serviceCode: 'home-visit',
      fulfilDeadline: now(),
      routedAt: now(),
    });
    await fx.publish(placed, routed);
    const inbox = fx.service.app.get(InboxRepository);
    await waitFor(() => inbox.findById(inboxMessageId(routed.id, group)), { description: "the routed order in the committee's inbox" });
    expect(commands.on('recipients', resident)).toEqual(['find']);
    expect(commands.on('recipients', group)).toEqual([]);
    commands.stop();
  });
});
