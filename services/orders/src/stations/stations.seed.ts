import { Station } from './station.model';

/** The five village service centres of Hongmei town and their stations. */
const VILLAGES = [
  { id: 'lizhoujiao', zh: '黎洲角', en: 'Lizhoujiao', stations: [['east', '东坊', 'East ward']] },
  { id: 'xiahui', zh: '夏汇', en: 'Xiahui', stations: [['north', '北坊', 'North ward']] },
  { id: 'yaojun', zh: '尧均', en: 'Yaojun', stations: [['river', '河畔', 'Riverside']] },
  { id: 'meisha', zh: '梅沙', en: 'Meisha', stations: [['market', '市场', 'Market']] },
  { id: 'dangyong', zh: '氹涌', en: 'Dangyong', stations: [['south', '南坊', 'South ward']] },
] as const;

export const STATIONS_SEED: Station[] = VILLAGES.flatMap((village) => [
  {
    _id: `${village.id}-centre`,
    villageId: village.id,
    kind: 'centre' as const,
    name: { 'zh-CN': `${village.zh}村社区服务中心`, en: `${village.en} Community Service Centre` },
  },
  ...village.stations.map(([suffix, zh, en]) => ({
    _id: `${village.id}-${suffix}`,
    villageId: village.id,
    kind: 'station' as const,
    name: { 'zh-CN': `${village.zh}${zh}服务站`, en: `${village.en} ${en} Station` },
  })),
]);
