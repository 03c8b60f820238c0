import { EventStore } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { PersonKeys, PrivacyAnswers, PrivacyRequest } from '@lantern/privacy';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { OrderResponse } from '../../orders/order.response.dto';
import { OrderView, orderViewModel } from '../../orders/list-orders/order-view.model';
import { OrderRepository } from '../../orders/order.repository';
import { TextsClock } from '../../orders/texts-clock';

/**
 * The orders service's answer to a privacy request about a resident:
 * - export: every order placed for them, as they see it themselves (details and comment included);
 * - erasure: their key is deleted, so the details and comments of all their orders are unreadable
 *   from then on; the orders' streams, statuses and counts stay as they were.
 * A volunteer's consent withdrawal concerns no order: orders does not answer it.
 */
@Injectable()
export class AnswerPrivacyRequestHandler {
  private readonly answers: PrivacyAnswers;
  private readonly views: Model<OrderView>;

  constructor(
    store: EventStore,
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly orders: OrderRepository,
    private readonly personKeys: PersonKeys,
    private readonly textsClock: TextsClock,
  ) {
    this.answers = new PrivacyAnswers(store, 'orders');
    this.views = orderViewModel(connection);
  }

  async execute(request: PrivacyRequest): Promise<void> {
    if (request.kind === 'consent-withdrawal' || (await this.answers.answered(request))) return;
    const orderIds = await this.ordersOf(request.subjectId);
    if (request.kind === 'export') {
      const orders = await Promise.all(orderIds.map((orderId) => this.exportOrder(orderId, request.subjectId)));
      await this.answers.exported(request, { orders: orders.filter((order) => order !== null) });
      return;
    }
    await this.personKeys.erase(request.subjectId);
    for (const orderId of orderIds) await this.orders.deleteUnsealedTexts(orderId);
    await this.answers.erased(request, 'erasure');
  }

  /**
   * The resident's orders, from the list view (the query of their own list: an index on MongoDB,
   * a scan on FerretDB — once per request, never on an order's path).
   */
  private async ordersOf(residentId: string): Promise<string[]> {
    return (await this.views.find({ residentId }, { _id: 1 }).lean<Pick<OrderView, '_id'>[]>()).map((view) => view._id);
  }

  private async exportOrder(orderId: string, residentId: string): Promise<OrderResponse | null> {
    const { state, version } = await this.orders.load(orderId);
    if (!state.exists || state.residentId !== residentId) return null;
    // A text that is missing (none written, expired, erased) is left out; the order says whether its texts expired.
    const texts = await this.orders.readTexts(orderId, residentId, true);
    return OrderResponse.from(state, version, texts.details, texts.comment, this.textsClock.retentionOf(state, texts.expiredAt));
  }
}
