import { TEAM_KINDS, VILLAGE_IDS } from '@lantern/contracts';

export interface DemoTeam {
  id: string;
  name: string;
  kind: (typeof TEAM_KINDS)[number];
  villageId: (typeof VILLAGE_IDS)[number];
  stationId: string;
  coordinatorIds: string[];
}

/**
 * The demo volunteer teams of Hongmei town. The same ids are the `volunteer_team` entries of
 * matching's demo fulfiller directory (services/matching/src/roster/demo/roster.seed.ts) — a
 * volunteer-team fulfiller *is* one of these teams — repeated there because services never import
 * each other; e2e/src/demo-directory.int-spec.ts checks the two agree.
 */
export const DEMO_TEAMS: DemoTeam[] = [
  {
    id: 'big-sisters-lizhoujiao',
    name: '黎洲角社区好大姐',
    kind: 'community_big_sisters',
    villageId: 'lizhoujiao',
    stationId: 'lizhoujiao-centre',
    coordinatorIds: ['coord-big-sisters-lizhoujiao'],
  },
  {
    // Town-wide; its home is the Lizhoujiao centre.
    id: 'lantern-association',
    name: '灯火志愿者协会',
    kind: 'lantern_association',
    villageId: 'lizhoujiao',
    stationId: 'lizhoujiao-centre',
    coordinatorIds: ['coord-lantern-association'],
  },
  {
    id: 'dragon-boat-meisha',
    name: '梅沙龙舟队',
    kind: 'dragon_boat_association',
    villageId: 'meisha',
    stationId: 'meisha-centre',
    coordinatorIds: ['coord-dragon-boat-meisha'],
  },
];
