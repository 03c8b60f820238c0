import { EventStore } from '@lantern/event-store';
import { PersonKeys, PrivacyAnswers, PrivacyRequest, PrivacyRequestAnswerer } from '@lantern/privacy';
import { Injectable } from '@nestjs/common';
import { InboxEntry } from '../../inbox/inbox-entry.model';
import { InboxRepository } from '../../inbox/inbox.repository';
import { RecipientResponse } from '../../recipients/recipient.response.dto';
import { RecipientsRepository } from '../../recipients/recipients.repository';
import { isGroupInbox } from '../../routing/notification';
import { OrderPartiesRepository } from '../../routing/order-parties.repository';

/** What an erased inbox message says instead of its text. */
const ERASED_TEXT = '';

/**
 * Notifications' answer to a privacy request about a person:
 * - export: their channels and preferences (contact addresses opened with their key), every
 *   message of their personal inbox, and the messages group inboxes (station supervisors,
 *   fulfillers, centre admins) received about their orders;
 * - erasure: their key is deleted (the sealed contact addresses and export keys become
 *   unreadable), the addresses dropped, and the texts of their inbox messages erased in place
 *   (the log keeps its positions, so counts and the live stream stay consistent);
 * - consent withdrawal: the key and the contact addresses go, so nothing is sent to them by SMS,
 *   WeChat or e-mail again; their in-app inbox stays.
 */
@Injectable()
export class AnswerPrivacyRequestHandler implements PrivacyRequestAnswerer {
  private readonly answers: PrivacyAnswers;

  constructor(
    store: EventStore,
    private readonly recipients: RecipientsRepository,
    private readonly inbox: InboxRepository,
    private readonly personKeys: PersonKeys,
    private readonly orders: OrderPartiesRepository,
  ) {
    this.answers = new PrivacyAnswers(store, 'notifications');
  }

  async execute(request: PrivacyRequest): Promise<void> {
    if (await this.answers.answered(request)) return;
    const personId = request.subjectId;
    if (request.kind === 'export') {
      const recipient = RecipientResponse.from(await this.recipients.get(personId));
      const inbox = (await this.inboxOf(personId)).map(({ key, subject, causeEventType, locale, title, body, createdAt, readAt }) => ({ id: key, subject, causeEventType, locale, title, body, createdAt, readAt }));
      await this.answers.exported(request, { recipient, inbox, groupInboxes: await this.groupMessagesAbout(personId) });
      return;
    }
    await this.personKeys.erase(personId);
    await this.recipients.forgetContacts(personId);
    if (request.kind === 'erasure') await this.eraseInboxTexts(personId);
    await this.answers.erased(request, request.kind);
  }

  /** What group inboxes were told about the person's orders (their staff's work, naming the order and never the person). */
  private async groupMessagesAbout(personId: string) {
    const entries = await this.inbox.aboutSubjects(await this.orders.ordersOf(personId));
    return entries
      .filter((entry) => isGroupInbox(entry.inbox))
      .map(({ inbox, key, subject, causeEventType, locale, title, body, createdAt }) => ({ inbox, id: key, subject, causeEventType, locale, title, body, createdAt }));
  }

  /** Every entry of the person's inbox, oldest first: the generations still kept (older ones are gone). */
  private inboxOf(personId: string): Promise<InboxEntry[]> {
    return this.inbox.entriesOf(personId);
  }

  private async eraseInboxTexts(personId: string): Promise<void> {
    for (const entry of await this.inboxOf(personId)) await this.inbox.rewrite(entry, { title: ERASED_TEXT, body: ERASED_TEXT });
  }
}
