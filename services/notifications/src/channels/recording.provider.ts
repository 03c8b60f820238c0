import { ExternalChannel } from '../recipients/recipient.model';
import { NotificationProvider, OutgoingMessage, ProviderError } from './notification-provider';

/**
 * Local and test stand-in for the SMS / WeChat / e-mail gateways: keeps what would have been
 * sent, in memory, for tests (inject it) and for admins (GET /v1/admin/outgoing). Addresses
 * listed in `failFor` fail, so that fallback can be exercised.
 */
export class RecordingProvider implements NotificationProvider {
  readonly channels: readonly ExternalChannel[] = ['sms', 'wechat', 'email'];
  readonly sent: (OutgoingMessage & { at: Date })[] = [];
  readonly failFor = new Set<string>();

  async send(message: OutgoingMessage): Promise<void> {
    if (this.failFor.has(message.address)) throw new ProviderError('provider_error', 'recording provider told to fail');
    this.sent.push({ ...message, at: new Date() });
    // Bounded: a local run that goes on for days must not grow without limit.
    if (this.sent.length > 10_000) this.sent.splice(0, this.sent.length - 10_000);
  }
}
