import { APP_CONFIG, BaseConfig } from '@lantern/config';
import { Provider } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { NotificationsConfig } from '../notifications.config';
import { WebhookTargetPolicy } from './webhook-target-policy';

/** Every address of a name, as the system resolver gives them to a connection. */
const resolveWithSystem = async (hostname: string) =>
  (await lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? (6 as const) : (4 as const) }));

/** The service's policy: https in production, the configured allow-list, the system resolver. */
export const webhookTargetPolicyProvider: Provider = {
  provide: WebhookTargetPolicy,
  inject: [APP_CONFIG],
  useFactory: (config: BaseConfig & NotificationsConfig) =>
    new WebhookTargetPolicy({
      requireHttps: config.NODE_ENV === 'production',
      allowedPrivateRanges: config.WEBHOOK_ALLOWED_PRIVATE_CIDRS,
      resolve: resolveWithSystem,
    }),
};
