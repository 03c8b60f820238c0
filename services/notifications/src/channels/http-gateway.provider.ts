import { ExternalChannel } from '../recipients/recipient.model';
import { NotificationProvider, OutgoingMessage, ProviderError } from './notification-provider';

export interface HttpGatewayOptions {
  channel: ExternalChannel;
  url: string;
  token?: string;
  timeoutMs: number;
}

/**
 * Production SMS or WeChat: POSTs `{to, title, body, deliveryId}` to the gateway configured by
 * environment (PROVIDER_SMS_URL / PROVIDER_WECHAT_URL, PROVIDER_TOKEN). Any 2xx is accepted.
 */
export class HttpGatewayProvider implements NotificationProvider {
  readonly channels: readonly ExternalChannel[];

  constructor(private readonly options: HttpGatewayOptions) {
    this.channels = [options.channel];
  }

  async send({ address, message, deliveryId }: OutgoingMessage): Promise<void> {
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}) },
        body: JSON.stringify({ to: address, title: message.title, body: message.body, deliveryId }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw new ProviderError(timedOut ? 'timeout' : 'provider_error', `${this.options.channel} gateway unreachable`);
    }
    await response.body?.cancel();
    if (!response.ok) throw new ProviderError('provider_error', `${this.options.channel} gateway answered ${response.status}`);
  }
}
