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

  it('routes only event types that exist, one row each', () => {
    const known = new Set(ALL_EVENT_CONTRACTS.map((contract) => contract.type));
    const types = ROUTES.map((route) => route.type);
    expect(types.filter((type) => !known.has(type))).toEqual([]);
    expect(new Set(types).size).toBe(types.length);
  });
});
