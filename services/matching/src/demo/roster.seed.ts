import { Fulfiller } from '../roster/fulfillers/fulfiller.model';
import { SERVICE_CATEGORIES } from '../roster/domain/service-categories';
import { SocialWorker } from '../roster/social-workers/social-worker.model';

/**
 * The five village centres of Hongmei town and their stations. Station ids are the orders
 * service's (its stations seed); they are repeated here because services never import each other.
 */
const VILLAGES = [
  { id: 'lizhoujiao', en: 'Lizhoujiao', zh: '黎洲角', stations: ['lizhoujiao-centre', 'lizhoujiao-east'] },
  { id: 'xiahui', en: 'Xiahui', zh: '夏汇', stations: ['xiahui-centre', 'xiahui-north'] },
  { id: 'yaojun', en: 'Yaojun', zh: '尧均', stations: ['yaojun-centre', 'yaojun-river'] },
  { id: 'meisha', en: 'Meisha', zh: '梅沙', stations: ['meisha-centre', 'meisha-market'] },
  { id: 'dangyong', en: 'Dangyong', zh: '氹涌', stations: ['dangyong-centre', 'dangyong-south'] },
] as const;

const ALL_STATIONS = VILLAGES.flatMap((village) => [...village.stations]);

/** Three workers per centre whose skills together cover the whole menu, and its supervisor. */
const TEAM: { suffix: string; skills: string[]; capacity: number; supervisor: boolean }[] = [
  { suffix: '1', skills: ['community', 'children', 'employment'], capacity: 8, supervisor: false },
  { suffix: '2', skills: ['health', 'elderly-care', 'social-inclusion'], capacity: 8, supervisor: false },
  { suffix: '3', skills: ['family', 'mental-health', 'children', 'elderly-care'], capacity: 6, supervisor: false },
  { suffix: 'sup', skills: [...SERVICE_CATEGORIES], capacity: 4, supervisor: true },
];

const seeded = { updatedAt: new Date(0), updatedBy: 'seed' };

export const SOCIAL_WORKERS_SEED: SocialWorker[] = VILLAGES.flatMap((village) =>
  TEAM.map((member) => ({
    _id: member.supervisor ? `sup-${village.id}` : `sw-${village.id}-${member.suffix}`,
    name: member.supervisor ? `${village.en} supervisor` : `${village.en} social worker ${member.suffix}`,
    skills: member.skills,
    stations: [...village.stations],
    capacity: member.capacity,
    active: true,
    available: true,
    supervisor: member.supervisor,
    ...seeded,
  })),
);

export const FULFILLERS_SEED: Omit<Fulfiller, 'version'>[] = [
  ...VILLAGES.map((village) => ({
    _id: village.id,
    type: 'committee' as const,
    name: { 'zh-CN': `${village.zh}村民委员会`, en: `${village.en} village committee` },
    stations: [...village.stations],
    categories: [...SERVICE_CATEGORIES],
    active: true,
    ...seeded,
  })),
  {
    _id: 'womens-federation',
    type: 'partner',
    name: { 'zh-CN': '妇女联合会', en: "Women's Federation" },
    stations: ALL_STATIONS,
    categories: ['family', 'employment', 'mental-health'],
    active: true,
    ...seeded,
  },
  {
    _id: 'health-centre',
    type: 'partner',
    name: { 'zh-CN': '社区卫生服务中心', en: 'Community health centre' },
    stations: ALL_STATIONS,
    categories: ['health', 'elderly-care'],
    active: true,
    ...seeded,
  },
  {
    _id: 'big-sisters-lizhoujiao',
    type: 'volunteer_team',
    name: { 'zh-CN': '黎洲角社区好大姐', en: 'Lizhoujiao community big sisters' },
    stations: ['lizhoujiao-centre', 'lizhoujiao-east'],
    categories: ['family', 'community', 'elderly-care'],
    active: true,
    ...seeded,
  },
  {
    _id: 'lantern-association',
    type: 'volunteer_team',
    name: { 'zh-CN': '灯火志愿者协会', en: 'Lantern volunteers association' },
    stations: ALL_STATIONS,
    categories: ['community', 'children', 'elderly-care'],
    active: true,
    ...seeded,
  },
  {
    _id: 'dragon-boat-meisha',
    type: 'volunteer_team',
    name: { 'zh-CN': '梅沙龙舟队', en: 'Meisha dragon-boat team' },
    stations: ['meisha-centre', 'meisha-market'],
    categories: ['community', 'children'],
    active: true,
    ...seeded,
  },
];
