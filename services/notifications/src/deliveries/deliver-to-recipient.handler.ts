import { Deadlines } from '@lantern/deadlines';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DeliverExternalHandler } from './deliver-external.handler';
import { quietHoursEnd } from '../recipients/quiet-hours';
import { Recipient } from '../recipients/recipient.model';
import { defaultRecipient } from '../recipients/recipients.repository';
import { RecipientPreferences } from '../recipients/recipient-preferences';
import { isGroupInbox, Notification } from '../routing/notification';
import { render } from '../templates/message-templates';
import { RenderedMessage } from '../templates/rendered-message';
import { Cause } from '../delivery-outcomes/cause';
import { DeliverInAppHandler } from './deliver-in-app.handler';

export const HOLD_DEADLINE = 'notification-hold';

export const holdId = (cause: Cause, recipientId: string) =>
  `hold:${createHash('sha256').update(`${cause.id}\n${recipientId}`).digest('hex').slice(0, 32)}`;

type Outcome = 'sent' | 'held' | 'opted_out';

export interface HeldNotification extends Record<string, unknown> {
  cause: Cause;
  notification: Notification;
}

/**
 * Tells one person about one event, the way they asked: not at all if they opted out, later
 * if it is their quiet time (unless the message is critical), in their language, in the
 * inbox always and on their first working external channel.
 */
@Injectable()
export class DeliverToRecipientHandler {
  constructor(
    private readonly preferences: RecipientPreferences,
    private readonly inApp: DeliverInAppHandler,
    private readonly external: DeliverExternalHandler,
    private readonly deadlines: Deadlines,
  ) {}

  /** `released`: the quiet hours that held this message are over; send it now. */
  async execute(cause: Cause, notification: Notification, released = false): Promise<Outcome> {
    const [outcome] = await this.executeAll(cause, [notification], released);
    return outcome;
  }

  /**
   * Everyone one event tells, in order: each is held, skipped or sent; the messages sent go to
   * the inboxes together, then each on its recipient's external channel.
   */
  async executeAll(cause: Cause, notifications: Notification[], released = false): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    const sends: { recipient: Recipient; message: RenderedMessage }[] = [];
    for (const notification of notifications) {
      const recipient = await this.recipientOf(notification.recipientId);
      const outcome = await this.decide(cause, notification, recipient, released);
      outcomes.push(outcome);
      if (outcome === 'sent') sends.push({ recipient, message: render(notification.template, notification.params, recipient.locale) });
    }
    await this.inApp.executeAll(sends.map(({ recipient, message }) => ({ cause, recipientId: recipient._id, locale: recipient.locale, message })));
    for (const { recipient, message } of sends) await this.external.execute(cause, recipient, message);
    return outcomes;
  }

  /**
   * A group inbox (a committee's, a station's supervisors') is nobody's preferences: nobody saves
   * any under its id, so it is not looked up — in-app only, in the programme's language, any time.
   */
  private recipientOf(id: string): Promise<Recipient> {
    return isGroupInbox(id) ? Promise.resolve(defaultRecipient(id)) : this.preferences.of(id);
  }

  private async decide(cause: Cause, notification: Notification, recipient: Recipient, released: boolean): Promise<Outcome> {
    // Critical messages cannot be opted out of: an urgent order must reach someone.
    if (!notification.critical && recipient.optOuts.includes(cause.type)) return 'opted_out';
    if (released || notification.critical) return 'sent';
    const endsAt = quietHoursEnd(recipient.quietHours, new Date());
    if (!endsAt) return 'sent';
    // A deadline per (event, recipient): holding it again on a redelivery keeps the first.
    const payload: HeldNotification = { cause, notification };
    await this.deadlines.schedule({ id: holdId(cause, recipient._id), kind: HOLD_DEADLINE, aggregateId: recipient._id, dueAt: endsAt, payload });
    return 'held';
  }
}
