import { TemplateId } from '../templates/message-templates';

/** One person (or group inbox) to tell about one event, and what to tell them. */
export interface Notification {
  recipientId: string;
  template: TemplateId;
  /** Plain strings only: a held notification is stored with them and rendered when released. */
  params: Record<string, string>;
  /** Critical messages (an urgent order nobody claimed) ignore quiet hours. */
  critical: boolean;
}

const FULFILLER_PREFIX = 'fulfiller:';
const STATION_SUPERVISORS_PREFIX = 'station-supervisors:';

/** The centre's admins as one inbox, for when none of them has registered yet. */
export const CENTRE_ADMINS_INBOX = 'centre-admins';

/** The inbox of a fulfilling organisation (a village committee, a partner, a volunteer team). */
export const fulfillerInbox = (fulfiller: { type: string; id: string }) => `${FULFILLER_PREFIX}${fulfiller.type}:${fulfiller.id}`;

/** A station's supervisors as one inbox, for when none of them has registered yet. */
export const stationSupervisorsInbox = (stationId: string) => `${STATION_SUPERVISORS_PREFIX}${stationId}`;

/** Whether an inbox belongs to a group rather than to one person. */
export const isGroupInbox = (recipientId: string) =>
  recipientId === CENTRE_ADMINS_INBOX || recipientId.startsWith(FULFILLER_PREFIX) || recipientId.startsWith(STATION_SUPERVISORS_PREFIX);
