import { ServiceOffering } from './service-offering.model';

const minutes = (hours: number) => hours * 60;

/**
 * The demo service menu, modelled on the Hongmei town centres: regular services open to all,
 * professional services delivered by qualified social workers. SLAs are in minutes.
 */
export const CATALOGUE_SEED: Omit<ServiceOffering, 'retiredAt'>[] = [
  {
    _id: 'cultural-sports-activity',
    kind: 'regular',
    category: 'community',
    name: { 'zh-CN': '文体活动', en: 'Cultural and sports activity' },
    targetGroups: ['children', 'youth', 'women', 'elderly'],
    privacy: 'public',
    sla: { normal: { claim: minutes(24), fulfil: minutes(24 * 7), feedback: minutes(24 * 3) }, urgent: { claim: minutes(4), fulfil: minutes(48), feedback: minutes(24 * 3) } },
  },
  {
    _id: 'health-check',
    kind: 'regular',
    category: 'health',
    name: { 'zh-CN': '健康义诊', en: 'Health check' },
    targetGroups: ['elderly', 'disabled', 'women'],
    privacy: 'restricted',
    sla: { normal: { claim: minutes(24), fulfil: minutes(24 * 5), feedback: minutes(24 * 3) }, urgent: { claim: minutes(2), fulfil: minutes(24), feedback: minutes(24 * 3) } },
  },
  {
    _id: 'home-visit',
    kind: 'regular',
    category: 'elderly-care',
    name: { 'zh-CN': '困难群众探访', en: 'Visit to a person in difficulty' },
    targetGroups: ['elderly', 'disabled'],
    privacy: 'restricted',
    sla: { normal: { claim: minutes(12), fulfil: minutes(24 * 3), feedback: minutes(24 * 3) }, urgent: { claim: minutes(1), fulfil: minutes(12), feedback: minutes(24 * 3) } },
  },
  {
    _id: 'after-school-care',
    kind: 'regular',
    category: 'children',
    name: { 'zh-CN': '四点半课堂', en: 'After-school care' },
    targetGroups: ['children'],
    privacy: 'public',
    sla: { normal: { claim: minutes(24), fulfil: minutes(24 * 7), feedback: minutes(24 * 3) }, urgent: { claim: minutes(4), fulfil: minutes(48), feedback: minutes(24 * 3) } },
  },
  {
    _id: 'family-mediation',
    kind: 'professional',
    category: 'family',
    name: { 'zh-CN': '家庭矛盾调解', en: 'Family-conflict mediation' },
    targetGroups: ['women', 'elderly', 'youth'],
    privacy: 'confidential',
    sla: { normal: { claim: minutes(8), fulfil: minutes(24 * 5), feedback: minutes(24 * 7) }, urgent: { claim: minutes(1), fulfil: minutes(24), feedback: minutes(24 * 7) } },
  },
  {
    _id: 'emotional-counselling',
    kind: 'professional',
    category: 'mental-health',
    name: { 'zh-CN': '情绪疏导', en: 'Emotional counselling' },
    targetGroups: ['youth', 'women', 'elderly'],
    privacy: 'confidential',
    sla: { normal: { claim: minutes(8), fulfil: minutes(24 * 5), feedback: minutes(24 * 7) }, urgent: { claim: minutes(1), fulfil: minutes(12), feedback: minutes(24 * 7) } },
  },
  {
    _id: 'child-behaviour-support',
    kind: 'professional',
    category: 'children',
    name: { 'zh-CN': '儿童行为矫正', en: "Children's behaviour support" },
    targetGroups: ['children'],
    privacy: 'confidential',
    sla: { normal: { claim: minutes(24), fulfil: minutes(24 * 10), feedback: minutes(24 * 7) }, urgent: { claim: minutes(4), fulfil: minutes(48), feedback: minutes(24 * 7) } },
  },
  {
    _id: 'social-adaptation',
    kind: 'professional',
    category: 'social-inclusion',
    name: { 'zh-CN': '社会适应辅导', en: 'Social adaptation support' },
    targetGroups: ['youth', 'disabled'],
    privacy: 'restricted',
    sla: { normal: { claim: minutes(24), fulfil: minutes(24 * 10), feedback: minutes(24 * 7) }, urgent: { claim: minutes(4), fulfil: minutes(48), feedback: minutes(24 * 7) } },
  },
  {
    _id: 'women-employment-guidance',
    kind: 'professional',
    category: 'employment',
    name: { 'zh-CN': '妇女就业指导', en: "Women's employment guidance" },
    targetGroups: ['women'],
    privacy: 'restricted',
    sla: { normal: { claim: minutes(24), fulfil: minutes(24 * 10), feedback: minutes(24 * 7) }, urgent: { claim: minutes(8), fulfil: minutes(72), feedback: minutes(24 * 7) } },
  },
];
