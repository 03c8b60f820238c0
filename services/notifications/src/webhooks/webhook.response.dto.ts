import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WebhookAttempt, WebhookDelivery } from './webhook-delivery.model';
import { WebhookSubscription } from './webhook-subscription.model';

export class WebhookResponse {
  @ApiProperty() id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String] }) eventTypes: string[];
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) disabledAt: string | null;
  @ApiProperty({ enum: ['failures', 'owner'], nullable: true, type: String, description: 'Why it is disabled: its receiver kept failing, or its owner paused it' })
  disabledBecause: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When it was last re-enabled' }) enabledAt: string | null;
  @ApiProperty({ type: [String], description: 'Scopes an admin granted: orders:confidential = receives the events of confidential services\' orders' }) scopes: string[];
  @ApiPropertyOptional({ description: 'The signing secret — in the creation response only' }) secret?: string;

  static from(subscription: WebhookSubscription, withSecret = false): WebhookResponse {
    return {
      id: subscription._id,
      url: subscription.url,
      eventTypes: subscription.eventTypes,
      status: subscription.status,
      createdAt: subscription.createdAt.toISOString(),
      disabledAt: subscription.disabledAt?.toISOString() ?? null,
      disabledBecause: subscription.disabledAt ? (subscription.disabledBecause ?? 'failures') : null,
      enabledAt: subscription.enabledAt?.toISOString() ?? null,
      scopes: subscription.scopes ?? [],
      ...(withSecret ? { secret: subscription.secret } : {}),
    };
  }
}

class WebhookAttemptResponse {
  @ApiProperty() attempt: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ nullable: true, type: Number }) statusCode: number | null;
  @ApiProperty({
    nullable: true,
    enum: ['timeout', 'unreachable', 'forbidden_address'],
    type: String,
    description: 'forbidden_address: the URL resolved to a loopback, private, link-local or other reserved address, so nothing was sent',
  })
  error: string | null;
  @ApiProperty() durationMs: number;

  static from(attempt: WebhookAttempt): WebhookAttemptResponse {
    return { ...attempt, at: new Date(attempt.at).toISOString() };
  }
}

export class WebhookDeliveryResponse {
  @ApiProperty() id: string;
  @ApiProperty() eventId: string;
  @ApiProperty() eventType: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed'] }) status: string;
  @ApiProperty({ type: [WebhookAttemptResponse] }) attempts: WebhookAttemptResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static from(delivery: WebhookDelivery): WebhookDeliveryResponse {
    return {
      id: delivery.deliveryId,
      eventId: delivery.event.id,
      eventType: delivery.event.type,
      status: delivery.status,
      attempts: delivery.attempts.map(WebhookAttemptResponse.from),
      createdAt: delivery.createdAt.toISOString(),
    };
  }
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryResponse] }) items: WebhookDeliveryResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
