import { startReceiver } from '../../test/webhook-receiver';
import { HttpGatewayProvider } from './http-gateway.provider';
import { ProviderError } from './notification-provider';

describe('the production SMS / WeChat gateway provider, against a real HTTP server', () => {
  const message = { channel: 'sms' as const, address: '+8613800000000', message: { title: '订单已提交', body: '您预约的服务已提交。' }, deliveryId: 'dlv_1' };

  it('POSTs the message with the bearer token; a 2xx is accepted, anything else or silence is a ProviderError', async () => {
    const answers: (number | 'hang')[] = [202, 503, 'hang'];
    const gateway = await startReceiver((index) => answers[index] ?? 500);
    try {
      // The answered requests get a generous timeout: the first fetch in a process loads undici,
      // which on a loaded CI machine has taken longer than 200 ms. Only the hanging one is meant
      // to time out, so only that one gets the short timeout.
      const provider = new HttpGatewayProvider({ channel: 'sms', url: gateway.url, token: 'gateway-token', timeoutMs: 10_000 });
      const impatientProvider = new HttpGatewayProvider({ channel: 'sms', url: gateway.url, token: 'gateway-token', timeoutMs: 200 });
      await provider.send(message);
      expect(gateway.received[0].headers.authorization).toBe('Bearer gateway-token');
      expect(JSON.parse(gateway.received[0].body)).toEqual({ to: message.address, title: message.message.title, body: message.message.body, deliveryId: 'dlv_1' });

      await expect(provider.send(message)).rejects.toMatchObject(new ProviderError('provider_error', 'sms gateway answered 503'));
      await expect(impatientProvider.send(message)).rejects.toMatchObject({ reason: 'timeout' });
    } finally {
      await gateway.stop();
    }
  });
});
