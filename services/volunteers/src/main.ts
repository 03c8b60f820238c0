import './instrument';
import { runService } from '@lantern/platform';
import { VOLUNTEERS_SERVICE, VolunteersModule } from './volunteers.module';

runService(VolunteersModule, VOLUNTEERS_SERVICE);
