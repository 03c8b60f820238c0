import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const body = '{"id":"evt-1"}';
  const now = 1_795_000_000_000;
  const timestamp = now / 1000;

  it('is sha256= and the HMAC of "{timestamp}.{body}" with the subscription secret', () => {
    const expected = createHmac('sha256', 'whsec_test').update(`${timestamp}.${body}`).digest('hex');
    expect(signWebhook('whsec_test', timestamp, body)).toBe(`sha256=${expected}`);
  });

  it('verifies a fresh delivery and rejects a changed body, a wrong secret, and a replay after the tolerance', () => {
    const signature = signWebhook('whsec_test', timestamp, body);
    expect(verifyWebhook('whsec_test', String(timestamp), body, signature, 300, now)).toBe(true);
    expect(verifyWebhook('whsec_test', String(timestamp), `${body} `, signature, 300, now)).toBe(false);
    expect(verifyWebhook('whsec_other', String(timestamp), body, signature, 300, now)).toBe(false);
    expect(verifyWebhook('whsec_test', String(timestamp), body, signature, 300, now + 301_000)).toBe(false);
  });
});
