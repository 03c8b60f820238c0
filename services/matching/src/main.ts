import './instrument';
import { runService } from '@lantern/platform';
import { MATCHING_SERVICE, MatchingModule } from './matching.module';

runService(MatchingModule, MATCHING_SERVICE);
