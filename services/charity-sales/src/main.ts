import './instrument';
import { runService } from '@lantern/platform';
import { CHARITY_SALES_SERVICE, CharitySalesModule } from './charity-sales.module';

runService(CharitySalesModule, CHARITY_SALES_SERVICE);
