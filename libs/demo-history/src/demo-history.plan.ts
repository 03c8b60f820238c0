/**
 * A few weeks of demo history for `npm start` (SEED_DEMO_HISTORY=true): which orders the five
 * villages' residents placed, when, and what became of each. Two seeders play it, each in its
 * own service, through that service's own handlers: orders places, routes, starts, completes,
 * rates, cancels and closes follow-ups (and runs a needs survey); matching claims and lets the
 * claim clock run out. They meet on the order's events, as any two services do — this plan is
 * the one thing they share, so that matching knows which orders it is to claim and when.
 *
 * Times are minutes after the order's placement, so a seeder that stopped halfway (a restart)
 * carries on from the placement it finds stored. Placements are days before the day the history
 * was first played, between 08:00 and 17:00 in Shanghai; a step that would fall after the
 * present is left for later (the order stays where it was).
 *
 * The ids and reference data (villages, stations, services, workers, fulfillers) are the demo
 * seeds' of orders and matching.
 */

export type DemoFulfiller = { type: 'committee' | 'partner' | 'volunteer_team'; id: string };
export type DemoParticipant = { personId: string; hours: number };

export type DemoStep =
  /** matching: the first social worker offered it claims it. */
  | { kind: 'claim'; after: number }
  /** matching: the claim clock runs out, round after round, until the order is with the station's supervisors. */
  | { kind: 'escalate'; after: number }
  /** orders: whoever holds it (the claimant, or for an escalated order the supervisor) routes it. */
  | { kind: 'route'; after: number; fulfiller: DemoFulfiller }
  | { kind: 'start'; after: number }
  /** `participants`: the volunteers who did a volunteer team's order, credited their hours by volunteers. */
  | { kind: 'complete'; after: number; outcome: 'done' | 'partially_done' | 'referred'; participants: DemoParticipant[] }
  | { kind: 'rate'; after: number; rating: number }
  /** A supervisor closes the follow-up a low rating opened. */
  | { kind: 'close-follow-up'; after: number }
  | { kind: 'cancel'; after: number; by: 'resident' | 'staff' };

export interface DemoOrder {
  /** Becomes the order id `ord_{seed}` (the placement's idempotency seed). */
  seed: string;
  villageId: string;
  stationId: string;
  serviceCode: string;
  residentId: string;
  urgency: 'normal' | 'urgent';
  daysAgo: number;
  /** Minutes after midnight in Shanghai. */
  minuteOfDay: number;
  steps: DemoStep[];
}

export const DEMO_VILLAGES = [
  { id: 'lizhoujiao', stations: ['lizhoujiao-centre', 'lizhoujiao-east'] },
  { id: 'xiahui', stations: ['xiahui-centre', 'xiahui-north'] },
  { id: 'yaojun', stations: ['yaojun-centre', 'yaojun-river'] },
  { id: 'meisha', stations: ['meisha-centre', 'meisha-market'] },
  { id: 'dangyong', stations: ['dangyong-centre', 'dangyong-south'] },
] as const;

/** The team the demo's volunteers belong to: town-wide, so it takes orders in every village. */
export const DEMO_VOLUNTEER_TEAM = 'lantern-association';

/**
 * The demo's volunteers, registered by volunteers' seeder through its own handlers: four a
 * village, all members of the town-wide team, who do its orders in their village and are credited
 * their hours. The seeder registers them in this order, one after the other, each joining the
 * team before the next is registered; the last one, a newcomer in no team yet, is registered
 * after every membership is stored, so whoever has seen the newcomer's registration knows the
 * team's roster is complete (orders waits for that before completing a team order).
 */
export const DEMO_VOLUNTEERS: { id: string; villageId: string; inTeam: boolean }[] = [
  ...DEMO_VILLAGES.flatMap((village) => [1, 2, 3, 4].map((n) => ({ id: `vol-${village.id}-${n}`, villageId: village.id, inTeam: true }))),
  { id: 'vol-lizhoujiao-newcomer', villageId: 'lizhoujiao', inTeam: false },
];

/** Steps matching plays; orders waits for their effect before its own next step. */
export const MATCHING_STEPS: ReadonlySet<DemoStep['kind']> = new Set(['claim', 'escalate']);

const HOUR = 60;
const DAY = 24 * HOUR;

/** Services on the demo menu (none confidential), with a fulfiller that serves their category. */
const SERVICES: { code: string; fulfiller: (villageId: string) => DemoFulfiller }[] = [
  { code: 'home-visit', fulfiller: (villageId) => ({ type: 'committee', id: villageId }) },
  { code: 'after-school-care', fulfiller: () => ({ type: 'volunteer_team', id: 'lantern-association' }) },
  { code: 'health-check', fulfiller: () => ({ type: 'partner', id: 'health-centre' }) },
  { code: 'cultural-sports-activity', fulfiller: () => ({ type: 'volunteer_team', id: 'lantern-association' }) },
  { code: 'women-employment-guidance', fulfiller: () => ({ type: 'partner', id: 'womens-federation' }) },
  { code: 'social-adaptation', fulfiller: (villageId) => ({ type: 'committee', id: villageId }) },
];

interface Fate {
  daysAgo: number;
  urgency?: 'urgent';
  steps: (route: DemoFulfiller, claimAfter: number) => DemoStep[];
}

/** The whole way: claim, route, start the next day, complete, rate the day after. */
const served = (outcome: 'done' | 'partially_done' | 'referred', rating: number | null, claimAfter?: number) => (route: DemoFulfiller, quick: number): DemoStep[] => {
  const claimed = claimAfter ?? quick;
  const steps: DemoStep[] = [
    { kind: 'claim', after: claimed },
    { kind: 'route', after: claimed + 30, fulfiller: route },
    { kind: 'start', after: claimed + DAY },
    { kind: 'complete', after: claimed + DAY + 3 * HOUR, outcome, participants: [] },
  ];
  return rating === null ? steps : [...steps, { kind: 'rate', after: claimed + 2 * DAY, rating }];
};

/** What becomes of each village's orders, oldest first: every state an order can be in. */
const FATES: Fate[] = [
  { daysAgo: 20, steps: served('done', 5) },
  { daysAgo: 18, urgency: 'urgent', steps: served('done', 4) },
  { daysAgo: 17, steps: (_route, quick) => [{ kind: 'cancel', after: quick, by: 'resident' }] },
  // Claimed a day and a half late (past the claim SLA), done and rated 3.
  { daysAgo: 16, steps: served('done', 3, 30 * HOUR) },
  // A low rating whose follow-up the supervisor closed the next day.
  { daysAgo: 15, steps: (route, quick) => [...served('done', 2)(route, quick), { kind: 'close-follow-up', after: quick + 3 * DAY }] },
  // Nobody claimed it: escalated to the supervisor, who routed it.
  {
    daysAgo: 14,
    steps: (route) => [
      { kind: 'escalate', after: 26 * HOUR },
      { kind: 'route', after: 27 * HOUR, fulfiller: route },
      { kind: 'start', after: 2 * DAY },
      { kind: 'complete', after: 2 * DAY + 4 * HOUR, outcome: 'done', participants: [] },
      { kind: 'rate', after: 3 * DAY, rating: 4 },
    ],
  },
  { daysAgo: 12, steps: served('partially_done', 4) },
  { daysAgo: 10, urgency: 'urgent', steps: (_route, quick) => [{ kind: 'claim', after: quick }, { kind: 'cancel', after: quick + DAY, by: 'staff' }] },
  // A low rating whose follow-up is still open.
  { daysAgo: 8, steps: served('done', 1) },
  { daysAgo: 6, steps: served('referred', 4) },
  { daysAgo: 5, steps: served('done', 5) },
  // Done, awaiting the resident's rating.
  { daysAgo: 3, steps: served('done', null) },
  { daysAgo: 2, steps: (route, quick) => served('done', null)(route, quick).filter((step) => step.kind !== 'complete') },
  { daysAgo: 1, steps: (route, quick) => [{ kind: 'claim', after: quick }, { kind: 'route', after: quick + 30, fulfiller: route }] },
  { daysAgo: 1, steps: (_route, quick) => [{ kind: 'claim', after: quick }] },
  // Escalated and still with the supervisors.
  { daysAgo: 2, steps: () => [{ kind: 'escalate', after: 26 * HOUR }] },
  // Just offered: nobody has claimed it yet.
  { daysAgo: 1, steps: () => [] },
];

/** The demo history: about fifteen orders a village, each village a little different. */
export function demoHistory(): DemoOrder[] {
  return DEMO_VILLAGES.flatMap((village, v) =>
    FATES.flatMap((fate, k) => {
      // Each village skips a different few of the fates: its figures are its own.
      if ((k + 3 * v) % 7 === 6) return [];
      const service = SERVICES[(k + v) % SERVICES.length];
      const quick = 10 + ((k * 37 + v * 11) % 110);
      return [
        {
          seed: `demo_${village.id}_${String(k + 1).padStart(2, '0')}`,
          villageId: village.id,
          stationId: village.stations[k % 2],
          serviceCode: service.code,
          // Eight residents a village, some of them ordering more than once.
          residentId: `res-${village.id}-${((k * 5 + v) % 8) + 1}`,
          urgency: fate.urgency ?? 'normal',
          daysAgo: fate.daysAgo,
          minuteOfDay: 8 * HOUR + ((k * 97 + v * 31) % (9 * HOUR)),
          steps: withVolunteers(fate.steps(service.fulfiller(village.id), quick), village.id, k),
        },
      ];
    }),
  );
}

/** A volunteer team's order is done by two of the village's volunteers: three hours and one and a half. */
function withVolunteers(steps: DemoStep[], villageId: string, k: number): DemoStep[] {
  const route = steps.find((step) => step.kind === 'route');
  if (route?.kind !== 'route' || route.fulfiller.type !== 'volunteer_team') return steps;
  const first = k % 4;
  const participants = [
    { personId: `vol-${villageId}-${first + 1}`, hours: 3 },
    { personId: `vol-${villageId}-${((first + 1) % 4) + 1}`, hours: 1.5 },
  ];
  return steps.map((step) => (step.kind === 'complete' ? { ...step, participants } : step));
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** When the order is placed, counted back from the Shanghai day `today` falls on. */
export function placementTime(order: Pick<DemoOrder, 'daysAgo' | 'minuteOfDay'>, today: Date): Date {
  const local = new Date(today.getTime() + SHANGHAI_OFFSET_MS);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - SHANGHAI_OFFSET_MS;
  return new Date(midnight - order.daysAgo * 86_400_000 + order.minuteOfDay * 60_000);
}

/** When a step happens: its minutes after the stored placement. */
export const stepTime = (placedAt: string | Date, step: DemoStep): Date => new Date(new Date(placedAt).getTime() + step.after * 60_000);
