import { LanternPlatformModule } from '@lantern/platform';
import { Module } from '@nestjs/common';
import { CatalogueHttpController } from './catalogue/catalogue.http.controller';
import { CatalogueRepository } from './catalogue/catalogue.repository';
import { SeedReferenceData } from './demo/seed-reference-data';
import { GetOrderHttpController } from './orders/get-order/get-order.http.controller';
import { ListOrdersHttpController } from './orders/list-orders/list-orders.http.controller';
import { OrderViewProjector } from './orders/list-orders/order-view.projector';
import { OrderRepository } from './orders/order.repository';
import { PlaceOrderHandler } from './orders/place-order/place-order.handler';
import { PlaceOrderHttpController } from './orders/place-order/place-order.http.controller';
import { StationsHttpController } from './stations/stations.http.controller';
import { StationsRepository } from './stations/stations.repository';

export const ORDERS_SERVICE = {
  service: 'orders',
  description: 'Service menu, stations, and the orders residents place — their lifecycle and feedback.',
  defaults: { PORT: '3001' },
};

@Module({
  imports: [LanternPlatformModule.forService(ORDERS_SERVICE)],
  controllers: [
    CatalogueHttpController,
    StationsHttpController,
    PlaceOrderHttpController,
    ListOrdersHttpController,
    GetOrderHttpController,
    OrderViewProjector,
  ],
  providers: [CatalogueRepository, StationsRepository, OrderRepository, PlaceOrderHandler, SeedReferenceData],
})
export class OrdersModule {}
