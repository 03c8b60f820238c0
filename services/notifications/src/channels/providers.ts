import { APP_CONFIG } from '@lantern/config';
import { Provider } from '@nestjs/common';
import { NotificationsConfig } from '../notifications.config';
import { HttpGatewayProvider } from './http-gateway.provider';
import { NOTIFICATION_PROVIDERS, NotificationProvider } from './notification-provider';
import { RecordingProvider } from './recording.provider';

/**
 * The gateways in use: an HTTP gateway for each of SMS and WeChat whose URL is configured, and
 * the recording provider for every channel left over (all of them, locally and in tests).
 */
export const providerProviders: Provider[] = [
  { provide: RecordingProvider, useValue: new RecordingProvider() },
  {
    provide: NOTIFICATION_PROVIDERS,
    inject: [APP_CONFIG, RecordingProvider],
    useFactory: (config: NotificationsConfig, recording: RecordingProvider): NotificationProvider[] => {
      const gateways: NotificationProvider[] = [];
      const options = { token: config.PROVIDER_TOKEN, timeoutMs: config.PROVIDER_TIMEOUT_MS };
      if (config.PROVIDER_SMS_URL) gateways.push(new HttpGatewayProvider({ channel: 'sms', url: config.PROVIDER_SMS_URL, ...options }));
      if (config.PROVIDER_WECHAT_URL) gateways.push(new HttpGatewayProvider({ channel: 'wechat', url: config.PROVIDER_WECHAT_URL, ...options }));
      // Gateways first: a channel with a real gateway never falls through to the recorder.
      return [...gateways, recording];
    },
  },
];
