import { ExternalChannel } from '../recipients/recipient.model';
import { RenderedMessage } from '../templates/rendered-message';

export interface OutgoingMessage {
  channel: ExternalChannel;
  /** Phone number, WeChat openid or e-mail address. Never logged, never published. */
  address: string;
  message: RenderedMessage;
  /** Derived from (event, recipient, channel): gateways that dedupe can use it. */
  deliveryId: string;
}

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly reason: 'provider_error' | 'no_provider' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

/** SMS, WeChat and e-mail gateways look the same to the rest of the service. */
export interface NotificationProvider {
  /** The channels this provider can send on. */
  readonly channels: readonly ExternalChannel[];
  /** Resolves when the gateway accepted the message; throws ProviderError otherwise. */
  send(message: OutgoingMessage): Promise<void>;
}

export const NOTIFICATION_PROVIDERS = Symbol('NOTIFICATION_PROVIDERS');
