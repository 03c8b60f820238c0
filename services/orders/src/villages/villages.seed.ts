import { Village } from './village.model';

/**
 * The five demo villages of Hongmei town and their resident populations (24,000 together, so
 * that the town's own report — 12,984 residents served — reads as its 54.1 %).
 */
export const VILLAGES_SEED: Omit<Village, 'populationUpdatedBy' | 'populationUpdatedAt'>[] = [
  { _id: 'lizhoujiao', name: { 'zh-CN': '黎洲角', en: 'Lizhoujiao' }, population: 6200 },
  { _id: 'xiahui', name: { 'zh-CN': '夏汇', en: 'Xiahui' }, population: 4800 },
  { _id: 'yaojun', name: { 'zh-CN': '尧均', en: 'Yaojun' }, population: 5100 },
  { _id: 'meisha', name: { 'zh-CN': '梅沙', en: 'Meisha' }, population: 3900 },
  { _id: 'dangyong', name: { 'zh-CN': '氹涌', en: 'Dangyong' }, population: 4000 },
];
