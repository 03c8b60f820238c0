import { Locale } from './locale';
import { RenderedMessage } from './rendered-message';

type Params = Record<string, string>;
type Template = Record<Locale, (p: Params) => RenderedMessage>;

/** The sentences for what changed (`changed`: a comma-separated list), in the contract's order. */
const changeParts = (p: Params, sentences: Record<'time' | 'place' | 'capacity', string>): string[] =>
  (p.changed ?? '').split(',').flatMap((change) => (change in sentences ? [sentences[change as keyof typeof sentences]] : []));

/**
 * Every message the service can send, in both languages. Routes name a template and pass plain
 * string parameters, so a held message can be rendered later from what was stored with it.
 * Messages to residents are short and plain: many of them are elderly.
 */
export const MESSAGE_TEMPLATES = {
  'order-placed': {
    'zh-CN': (p) => ({ title: '订单已提交', body: `您预约的「${p.service}」已提交，社工将尽快接单。` }),
    en: (p) => ({ title: 'Order placed', body: `Your request for "${p.service}" has been placed. A social worker will pick it up soon.` }),
  },
  'offer-made': {
    'zh-CN': (p) => ({ title: '新的服务单待接', body: `有一张「${p.service}」服务单邀请您接单，请在 ${p.expiresAt} 前处理。` }),
    en: (p) => ({ title: 'New order to claim', body: `An order for "${p.service}" is offered to you until ${p.expiresAt}.` }),
  },
  'order-claimed': {
    'zh-CN': (p) => ({ title: '社工已接单', body: `您的「${p.service}」已有社工接单，将为您安排服务。` }),
    en: (p) => ({ title: 'A social worker took your order', body: `A social worker has taken your request for "${p.service}" and will arrange it.` }),
  },
  'escalation-assigned': {
    'zh-CN': (p) => ({ title: p.urgent === 'true' ? '【紧急】订单无人接单' : '订单无人接单', body: `「${p.service}」（${p.orderId}）超时无人接单，请尽快安排。` }),
    en: (p) => ({ title: p.urgent === 'true' ? 'URGENT: order not claimed' : 'Order not claimed', body: `Nobody claimed "${p.service}" (${p.orderId}) in time. Please assign it.` }),
  },
  'backstop-overdue': {
    'zh-CN': (p) => ({ title: '【兜底超时】订单仍无人受理', body: `「${p.service}」（${p.orderId}）自 ${p.escalatedAt} 转交 ${p.villageId} 村委兜底后仍无人受理，请立即处理。` }),
    en: (p) => ({ title: 'Backstop overdue: order still not taken', body: `"${p.service}" (${p.orderId}) went to the ${p.villageId} village committee at ${p.escalatedAt} and nobody has taken it yet. Please act now.` }),
  },
  'order-cancelled': {
    'zh-CN': (p) => ({ title: '订单已取消', body: `「${p.service}」已取消。` }),
    en: (p) => ({ title: 'Order cancelled', body: `The order for "${p.service}" was cancelled.` }),
  },
  'order-routed': {
    'zh-CN': (p) => ({ title: '服务已安排', body: `您的「${p.service}」已安排服务方，请留意上门时间。` }),
    en: (p) => ({ title: 'Your service is arranged', body: `Someone has been arranged to provide "${p.service}".` }),
  },
  'work-routed': {
    'zh-CN': (p) => ({ title: '新的服务任务', body: `「${p.service}」（${p.orderId}）已派给您，请在 ${p.deadline} 前完成。` }),
    en: (p) => ({ title: 'New work for you', body: `"${p.service}" (${p.orderId}) was routed to you; please complete it by ${p.deadline}.` }),
  },
  'fulfil-due-soon': {
    'zh-CN': (p) => ({ title: '服务即将超时', body: `「${p.service}」（${p.orderId}）须在 ${p.deadline} 前完成，请抓紧。` }),
    en: (p) => ({ title: 'Service due soon', body: `"${p.service}" (${p.orderId}) is due by ${p.deadline}.` }),
  },
  'fulfil-overdue': {
    'zh-CN': (p) => ({ title: '【超时】服务未按时完成', body: `「${p.service}」（${p.orderId}）已超过完成时限 ${p.deadline}，请督办。` }),
    en: (p) => ({ title: 'Overdue: service not fulfilled', body: `"${p.service}" (${p.orderId}) passed its deadline ${p.deadline} unfulfilled. Please follow it up.` }),
  },
  'order-handed-back': {
    'zh-CN': (p) => ({ title: '服务方退回订单', body: `「${p.service}」（${p.orderId}）已被服务方退回（${p.reason}），请重新派单。` }),
    en: (p) => ({ title: 'Order handed back', body: `The fulfiller handed "${p.service}" (${p.orderId}) back (${p.reason}). Please route it again.` }),
  },
  'claim-reassigned-to-you': {
    'zh-CN': (p) => ({ title: '订单已转给您', body: `「${p.service}」（${p.orderId}）已转由您负责。` }),
    en: (p) => ({ title: 'An order is now yours', body: `"${p.service}" (${p.orderId}) was reassigned to you.` }),
  },
  'claim-reassigned-away': {
    'zh-CN': (p) => ({ title: '订单已转出', body: `「${p.service}」（${p.orderId}）已转由其他社工负责。` }),
    en: (p) => ({ title: 'Order reassigned', body: `"${p.service}" (${p.orderId}) was reassigned to another social worker.` }),
  },
  'order-started': {
    'zh-CN': (p) => ({ title: '服务已开始', body: `您的「${p.service}」服务已开始。` }),
    en: (p) => ({ title: 'Service started', body: `Your "${p.service}" has started.` }),
  },
  'order-completed': {
    'zh-CN': (p) => ({ title: '服务已完成', body: `您的「${p.service}」已完成，欢迎为本次服务评分。` }),
    en: (p) => ({ title: 'Service completed', body: `"${p.service}" is done. Please rate it.` }),
  },
  'order-rated': {
    'zh-CN': (p) => ({ title: '居民已评价', body: `「${p.service}」（${p.orderId}）获得 ${p.rating} 星评价。` }),
    en: (p) => ({ title: 'The resident rated the service', body: `"${p.service}" (${p.orderId}) was rated ${p.rating}/5.` }),
  },
  'follow-up-requested': {
    'zh-CN': (p) => ({ title: '低分评价需回访', body: `「${p.service}」（${p.orderId}）仅获 ${p.rating} 星，请安排回访。` }),
    en: (p) => ({ title: 'Low rating: please follow up', body: `"${p.service}" (${p.orderId}) was rated ${p.rating}/5. Please follow up with the resident.` }),
  },
  'follow-up-assigned': {
    'zh-CN': (p) => ({ title: '请回访低分评价', body: `「${p.service}」（${p.orderId}）仅获 ${p.rating} 星，回访由您负责，请于 ${p.deadline} 前完成并报督导结案。` }),
    en: (p) => ({ title: 'Follow-up is yours', body: `"${p.service}" (${p.orderId}) was rated ${p.rating}/5. The follow-up is yours: call the resident back and report to your supervisor by ${p.deadline}.` }),
  },
  'follow-up-overdue': {
    'zh-CN': (p) => ({ title: '【超时】回访未结案', body: `「${p.service}」（${p.orderId}）的低分回访已超过时限 ${p.deadline} 仍未结案，请督办。` }),
    en: (p) => ({ title: 'Overdue: follow-up still open', body: `The low-rating follow-up of "${p.service}" (${p.orderId}) passed its deadline ${p.deadline} still open. Please see to it.` }),
  },
  'follow-up-closed': {
    'zh-CN': (p) => ({ title: '回访已结案', body: `「${p.service}」（${p.orderId}）的回访已由督导结案（${p.outcome}）。` }),
    en: (p) => ({ title: 'Follow-up closed', body: `Your supervisor closed the follow-up of "${p.service}" (${p.orderId}): ${p.outcome}.` }),
  },
  'level-reached': {
    'zh-CN': (p) => ({ title: `恭喜您获得${p.stars}星志愿者称号`, body: `您的志愿服务已累计 ${p.totalHours} 小时，达到 ${p.thresholdHours} 小时的${p.stars}星标准。感谢您的付出！` }),
    en: (p) => ({ title: `Congratulations: ${p.stars}-star volunteer`, body: `You have given ${p.totalHours} hours of service, reaching the ${p.thresholdHours}-hour mark. Thank you!` }),
  },
  'waitlist-promoted': {
    'zh-CN': (p) => ({ title: '您已从候补转为正式报名', body: `「${p.activity}」有名额空出，您已获得名额，请按时参加。` }),
    en: (p) => ({ title: 'You have a place', body: `A place freed up in "${p.activity}" and it is yours now. Please come on time.` }),
  },
  'sign-up-cancelled': {
    'zh-CN': (p) => ({ title: '报名已取消', body: `您在「${p.activity}」的报名已被组织者取消。` }),
    en: (p) => ({ title: 'Sign-up cancelled', body: `Your sign-up for "${p.activity}" was cancelled by the organisers.` }),
  },
  'activity-rescheduled': {
    'zh-CN': (p) => ({ title: '活动时间有变', body: `「${p.activity}」改到 ${p.startsAt} 开始，${p.endsAt} 结束，请留意新时间。` }),
    en: (p) => ({ title: 'Activity moved', body: `"${p.activity}" now starts at ${p.startsAt} and ends at ${p.endsAt}. Please note the new time.` }),
  },
  'activity-changed': {
    'zh-CN': (p) => ({
      title: '活动安排有变',
      body: `「${p.activity}」有变动：${changeParts(p, { time: `时间改为 ${p.startsAt} 至 ${p.endsAt}`, place: `地点改为 ${p.stationId}`, capacity: `名额改为 ${p.capacity} 人` }).join('；')}。请留意。`,
    }),
    en: (p) => ({
      title: 'Activity changed',
      body: `"${p.activity}" has changed: ${changeParts(p, { time: `it now runs from ${p.startsAt} to ${p.endsAt}`, place: `it now takes place at ${p.stationId}`, capacity: `it now has ${p.capacity} places` }).join('; ')}.`,
    }),
  },
  'activity-cancelled': {
    'zh-CN': (p) => ({ title: '活动已取消', body: `「${p.activity}」已被组织者取消，无需前往。` }),
    en: (p) => ({ title: 'Activity cancelled', body: `"${p.activity}" was called off by the organisers. There is no need to come.` }),
  },
  'task-assigned': {
    'zh-CN': (p) => ({ title: '新的志愿服务任务', body: `您已被安排参加服务单 ${p.orderId} 的志愿服务任务。` }),
    en: (p) => ({ title: 'New volunteer task', body: `You were assigned to the team task for order ${p.orderId}.` }),
  },
  'hours-credited': {
    'zh-CN': (p) => ({ title: '志愿时长已记录', body: `本次记录 ${p.hours} 小时，您累计志愿服务 ${p.totalHours} 小时。` }),
    en: (p) => ({ title: 'Hours credited', body: `${p.hours} hours were recorded; you have given ${p.totalHours} hours in all.` }),
  },
  'funded-visit-fulfilled': {
    'zh-CN': (p) => ({ title: '资助的探访已完成', body: `「${p.campaign}」资助的探访（服务单 ${p.orderId}）已完成。` }),
    en: (p) => ({ title: 'A funded visit is done', body: `A visit funded by "${p.campaign}" (order ${p.orderId}) was completed (${p.outcome}).` }),
  },
  'webhook-disabled': {
    'zh-CN': (p) => ({ title: 'Webhook 订阅已停用', body: `订阅 ${p.subscriptionId} 连续 ${p.failures} 次投递失败，已停用。` }),
    en: (p) => ({ title: 'Webhook subscription disabled', body: `Subscription ${p.subscriptionId} failed ${p.failures} deliveries in a row and was disabled.` }),
  },
  broadcast: {
    'zh-CN': (p) => ({ title: p.title, body: p.body }),
    en: (p) => ({ title: p.title, body: p.body }),
  },
} satisfies Record<string, Template>;

export type TemplateId = keyof typeof MESSAGE_TEMPLATES;

/** Both languages of one parameter, e.g. `localized('service', serviceName)`; `render` picks one. */
export function localized(name: string, text: Record<Locale, string>): Params {
  return { [`${name}@zh-CN`]: text['zh-CN'], [`${name}@en`]: text.en };
}

export function render(template: TemplateId, params: Params, locale: Locale): RenderedMessage {
  const suffix = `@${locale}`;
  const forLocale = { ...params };
  for (const [key, value] of Object.entries(params)) {
    if (key.endsWith(suffix)) forLocale[key.slice(0, -suffix.length)] = value;
  }
  return MESSAGE_TEMPLATES[template][locale](forLocale);
}
