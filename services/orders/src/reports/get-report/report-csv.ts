import { ReportFigures, Tally } from '../domain/report-figures';
import { ReportResponse } from './report.response.dto';

export type CsvLanguage = 'zh-CN' | 'en';

const HEADINGS: Record<CsvLanguage, string[]> = {
  'zh-CN': ['范围', '开始日期', '结束日期', '指标', '分项', '数值'],
  en: ['Scope', 'From', 'To', 'Metric', 'Breakdown', 'Value'],
};

const METRICS = {
  orders_placed: ['下单数', 'Orders placed'],
  response_rate: ['响应率', 'Response rate'],
  claimed_on_time: ['按时接单数', 'Claimed within SLA'],
  claimed: ['已接单数', 'Claimed'],
  median_minutes_to_claim: ['接单时长中位数（分钟）', 'Median minutes to claim'],
  p90_minutes_to_claim: ['接单时长P90（分钟）', 'P90 minutes to claim'],
  escalations: ['升级数', 'Escalations'],
  resolution_rate: ['解决率', 'Resolution rate'],
  ended: ['已结束订单数', 'Orders ended'],
  fulfilled: ['已解决数', 'Fulfilled'],
  outcome: ['结果', 'Outcome'],
  cancelled_by: ['取消方', 'Cancelled by'],
  satisfaction_rate: ['满意率', 'Satisfaction rate'],
  ratings: ['评价数', 'Ratings'],
  satisfied: ['满意评价数（4–5星）', 'Ratings of 4–5'],
  mean_rating: ['平均评分', 'Mean rating'],
  low_ratings: ['差评数（1–2星）', 'Low ratings (1–2)'],
  follow_ups: ['差评回访', 'Low-rating follow-ups'],
  follow_up_outcome: ['回访结果', 'Follow-up outcome'],
  on_time_fulfilment_rate: ['按时完成率', 'On-time fulfilment rate'],
  completed_after_route: ['派单后完成数', 'Completed after routing'],
  completed_directly: ['站点自行完成数', 'Completed by the station itself'],
  fulfilled_on_time: ['按时完成数', 'Completed on time'],
  handed_back_orders: ['被退回订单数', 'Orders handed back'],
  hand_backs: ['退回次数', 'Hand-backs'],
  reassigned_orders: ['转派订单数', 'Orders reassigned'],
  reassignments: ['转派次数', 'Reassignments'],
  by_service: ['按服务', 'By service'],
  by_category: ['按类别', 'By category'],
  by_kind: ['按服务类型', 'By kind'],
  by_urgency: ['按紧急程度', 'By urgency'],
  workload_social_worker: ['社工工作量', 'Workload per social worker'],
  workload_fulfiller: ['服务方工作量', 'Workload per fulfiller'],
  served_residents: ['服务居民数（去重）', 'Distinct residents served'],
  population: ['常住人口', 'Resident population'],
  coverage_rate: ['覆盖率', 'Coverage rate'],
  volunteers_registered: ['注册志愿者数', 'Volunteers registered'],
  volunteers_active: ['在册志愿者数（未暂停）', 'Volunteers active (not suspended)'],
  volunteers_share: ['志愿者占人口比例', 'Active volunteers ÷ population'],
  volunteers_with_hours: ['本期有服务时长的志愿者数', 'Volunteers with hours in the period'],
  volunteer_hours: ['本期志愿服务时长', 'Volunteer hours in the period'],
} as const satisfies Record<string, readonly [string, string]>;

type MetricKey = keyof typeof METRICS;
type Row = [MetricKey, string, number | null];

const tallyRows = (metric: MetricKey, tally: Tally): Row[] => Object.entries(tally).map(([key, value]) => [metric, key, value]);

function figureRows(f: ReportFigures): Row[] {
  return [
    ['orders_placed', '', f.ordersPlaced],
    ['response_rate', '', f.response.rate],
    ['claimed_on_time', '', f.response.claimedOnTime],
    ['claimed', '', f.response.claimed],
    ['median_minutes_to_claim', '', f.response.medianMinutesToClaim],
    ['p90_minutes_to_claim', '', f.response.p90MinutesToClaim],
    ['escalations', 'supervisor', f.response.escalations.supervisor],
    ['escalations', 'committee', f.response.escalations.committee],
    ['resolution_rate', '', f.resolution.rate],
    ['ended', '', f.resolution.ended],
    ['fulfilled', '', f.resolution.fulfilled],
    ['outcome', 'done', f.resolution.done],
    ['outcome', 'partially_done', f.resolution.partiallyDone],
    ['outcome', 'referred', f.resolution.referred],
    ['outcome', 'cancelled', f.resolution.cancelled],
    ['cancelled_by', 'resident', f.resolution.cancelledBy.resident],
    ['cancelled_by', 'staff', f.resolution.cancelledBy.staff],
    ['satisfaction_rate', '', f.satisfaction.rate],
    ['ratings', '', f.satisfaction.ratings],
    ['satisfied', '', f.satisfaction.satisfied],
    ['mean_rating', '', f.satisfaction.meanRating],
    ['low_ratings', '', f.satisfaction.lowRatings],
    ['follow_ups', 'open', f.satisfaction.followUpsOpen],
    ['follow_ups', 'closed', f.satisfaction.followUpsClosed],
    ['follow_ups', 'closed_on_time', f.satisfaction.followUpsClosedOnTime],
    ...tallyRows('follow_up_outcome', f.satisfaction.followUpOutcomes),
    ['on_time_fulfilment_rate', '', f.fulfilment.rate],
    ['completed_after_route', '', f.fulfilment.completedAfterRoute],
    ['completed_directly', '', f.fulfilment.completedDirectly],
    ['fulfilled_on_time', '', f.fulfilment.onTime],
    ['handed_back_orders', '', f.handBacks.orders],
    ['hand_backs', '', f.handBacks.total],
    ...tallyRows('hand_backs', f.handBacks.byReason),
    ['reassigned_orders', '', f.reassignments.orders],
    ['reassignments', '', f.reassignments.total],
    ...tallyRows('by_service', f.byService),
    ...tallyRows('by_category', f.byCategory),
    ...tallyRows('by_kind', f.byKind),
    ...tallyRows('by_urgency', f.byUrgency),
    ...tallyRows('workload_social_worker', f.workload.socialWorkers),
    ...tallyRows('workload_fulfiller', f.workload.fulfillers),
  ];
}

/** A cell as RFC 4180 wants it; text a spreadsheet would run as a formula is defused. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The report as CSV, one figure per row, headings and metric names in the language asked for.
 * Starts with a byte-order mark so that spreadsheets read the Chinese as UTF-8.
 */
export function reportCsv(report: ReportResponse, language: CsvLanguage): string {
  const label = (metric: MetricKey) => METRICS[metric][language === 'zh-CN' ? 0 : 1];
  const scope = report.scope.id ? `${report.scope.kind}:${report.scope.id}` : report.scope.kind;
  const rows: Row[] = [...figureRows(report.figures)];
  if (report.coverage) {
    const { servedResidents, population, rate, volunteers } = report.coverage;
    rows.push(
      ['served_residents', '', servedResidents],
      ['population', '', population],
      ['coverage_rate', '', rate],
      ['volunteers_registered', '', volunteers.registered],
      ['volunteers_active', '', volunteers.active],
      ['volunteers_share', '', volunteers.activeShareOfPopulation],
      ['volunteers_with_hours', '', volunteers.withHoursInPeriod],
      ['volunteer_hours', '', volunteers.hoursInPeriod],
    );
  }
  const lines = [HEADINGS[language], ...rows.map(([metric, breakdown, value]) => [scope, report.period.from, report.period.to, label(metric), breakdown, value])];
  return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** zh-CN unless the query or the first Accept-Language tag asks for English. */
export function csvLanguage(lang: CsvLanguage | undefined, acceptLanguage: string | undefined): CsvLanguage {
  if (lang) return lang;
  return acceptLanguage?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}
