import { validateEventData, InvalidEventError, CloudEvent } from './cloud-event';
import { fromKafkaRecord, MalformedRecordError, toKafkaRecord } from './kafka-binding';
import { OrderPlacedV1 } from './orders/order-placed.v1';

const placed = {
  orderId: 'ord-1',
  version: 1,
  residentId: 'res-1',
  serviceCode: 'after-school-care',
  serviceName: { 'zh-CN': '四点半课堂', en: 'After-school care' },
  category: 'children',
  privacy: 'public',
  urgency: 'normal',
  placedBy: 'resident',
  villageId: 'lizhoujiao',
  stationId: 'lizhoujiao-centre',
  fundedBy: null,
  placedAt: '2026-11-29T05:00:00.000Z',
};

describe('CloudEvents Kafka binding', () => {
  it('round-trips an event through binary-mode headers, keyed by the aggregate id', () => {
    const event: CloudEvent = {
      specversion: '1.0',
      id: 'evt-1',
      type: OrderPlacedV1.type,
      source: OrderPlacedV1.source,
      subject: 'ord-1',
      time: placed.placedAt,
      datacontenttype: 'application/json',
      data: placed,
      correlationid: 'corr-1',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    };
    const record = toKafkaRecord(event);
    expect(record.key).toBe('ord-1');
    expect(record.headers).toMatchObject({ ce_specversion: '1.0', ce_type: 'lantern.order.placed.v1', ce_source: '/lantern/orders' });
    const headers = Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(fromKafkaRecord(Buffer.from(record.key), Buffer.from(record.value), headers)).toEqual({ ...event, causationid: undefined });
  });

  it('rejects records that are not CloudEvents', () => {
    expect(() => fromKafkaRecord('k', '{}', {})).toThrow(MalformedRecordError);
  });

  it('validates data against the contract and names the bad fields', () => {
    expect(validateEventData(OrderPlacedV1.type, placed)).toEqual(placed);
    expect(() => validateEventData(OrderPlacedV1.type, { ...placed, urgency: 'whenever', version: 0 })).toThrow(
      InvalidEventError,
    );
    // Unknown fields are stripped rather than passed on: a contract is also a privacy filter.
    expect(validateEventData(OrderPlacedV1.type, { ...placed, phone: '138' })).not.toHaveProperty('phone');
  });
});
