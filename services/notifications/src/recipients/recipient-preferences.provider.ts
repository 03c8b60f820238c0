import { APP_CONFIG } from '@lantern/config';
import { Provider } from '@nestjs/common';
import { NotificationsConfig } from '../notifications.config';
import { RecipientPreferences } from './recipient-preferences';
import { RecipientsRepository } from './recipients.repository';

/** One per replica, told of every save made through this replica. */
export const recipientPreferencesProvider: Provider = {
  provide: RecipientPreferences,
  inject: [RecipientsRepository, APP_CONFIG],
  useFactory: (recipients: RecipientsRepository, config: NotificationsConfig) => {
    const preferences = new RecipientPreferences(recipients, config.RECIPIENT_PREFERENCES_TTL_MS);
    recipients.onSaved((id) => preferences.saved(id));
    return preferences;
  },
};
