import './instrument';
import { runService } from '@lantern/platform';
import { NOTIFICATIONS_SERVICE, NotificationsModule } from './notifications.module';

runService(NotificationsModule, NOTIFICATIONS_SERVICE);
