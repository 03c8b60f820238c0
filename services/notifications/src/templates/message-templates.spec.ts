import { ALL_EVENT_CONTRACTS } from '@lantern/contracts';
import { ROUTES } from '../routing/routes';
import { LOCALES } from './locale';
import { localized, MESSAGE_TEMPLATES, render, TemplateId } from './message-templates';

describe('message templates and the routing table', () => {
  const params = {
    orderId: 'ord-1',
    ...localized('service', { 'zh-CN': '四点半课堂', en: 'After-school care' }),
    ...localized('title', { 'zh-CN': '标题', en: 'Title' }),
    ...localized('body', { 'zh-CN': '正文', en: 'Body' }),
    expiresAt: '2026-12-01T08:00:00Z',
    deadline: '2026-12-03T08:00:00Z',
    rating: '2',
    urgent: 'true',
    stars: '2',
    thresholdHours: '300',
    totalHours: '301.5',
    subscriptionId: 'whs_1',
    failures: '3',
    activity: '元宵灯会',
    activityId: 'act-1',
    taskId: 'task_ord-1',
    hours: '2.5',
    sourceType: 'order',
    campaign: '灯火万家',
    outcome: 'done',
    villageId: 'meisha',
    reason: 'no_capacity',
    escalatedAt: '2026-12-01T09:00:00Z',
    startsAt: '2027-10-11T01:00:00.000Z',
    endsAt: '2027-10-11T04:00:00.000Z',
    changed: 'time,place,capacity',
    stationId: 'lizhoujiao-east',
    capacity: '3',
  };

  it('every template renders in both languages with every placeholder filled', () => {
    for (const template of Object.keys(MESSAGE_TEMPLATES) as TemplateId[]) {
      for (const locale of LOCALES) {
        const message = render(template, params, locale);
        expect(message.title.length).toBeGreaterThan(0);
        expect(`${message.title} ${message.body}`).not.toMatch(/undefined|@zh-CN|@en/);
      }
    }
    expect(render('order-placed', params, 'zh-CN').body).toContain('四点半课堂');
    expect(render('order-placed', params, 'en').body).toContain('After-school care');
  });

  it('an activity change says what changed, and only that', () => {
    const placeOnly = { ...params, changed: 'place' };
    expect(render('activity-changed', placeOnly, 'zh-CN').body).toBe('「元宵灯会」有变动：地点改为 lizhoujiao-east。请留意。');
    expect(render('activity-changed', placeOnly, 'en').body).toBe('"元宵灯会" has changed: it now takes place at lizhoujiao-east.');
    const all = render('activity-changed', params, 'en').body;
    expect(all).toBe('"元宵灯会" has changed: it now runs from 2027-10-11T01:00:00.000Z to 2027-10-11T04:00:00.000Z; it now takes place at lizhoujiao-east; it now has 3 places.');
    expect(render('activity-changed', { ...params, changed: 'capacity' }, 'zh-CN').body).toBe('「元宵灯会」有变动：名额改为 3 人。请留意。');
  });

  it('routes only event types that exist, one row each', () => {
    const known = new Set(ALL_EVENT_CONTRACTS.map((contract) => contract.type));
    const types = ROUTES.map((route) => route.type);
    expect(types.filter((type) => !known.has(type))).toEqual([]);
    expect(new Set(types).size).toBe(types.length);
  });
});
