import './instrument';
import { runService } from '@lantern/platform';
import { ORDERS_SERVICE, OrdersModule } from './orders.module';

runService(OrdersModule, ORDERS_SERVICE);
