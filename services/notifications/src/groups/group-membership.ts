import { hasAnyRole, Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { isGroupInbox } from '../routing/notification';
import { groupInboxesOf } from './group-inboxes.policy';
import { StationVillagesRepository } from './station-villages.repository';

/** Who belongs to which group inbox, decided per request from the caller's token. */
@Injectable()
export class GroupMembership {
  constructor(private readonly stations: StationVillagesRepository) {}

  /** The group inboxes the caller belongs to (a committee member's costs a lookup per station). */
  async groupsOf(principal: Principal): Promise<string[]> {
    const villageOf = principal.roles.includes('committee') ? await this.stations.villagesOf(principal.stations) : new Map<string, string>();
    return groupInboxesOf(principal, villageOf);
  }

  async isMember(principal: Principal, groupId: string): Promise<boolean> {
    return isGroupInbox(groupId) && (await this.groupsOf(principal)).includes(groupId);
  }

  /** Members read their groups' inboxes; admins read any group's (never a person's). */
  async mayRead(principal: Principal, groupId: string): Promise<boolean> {
    return isGroupInbox(groupId) && (hasAnyRole(principal, ['admin']) || (await this.isMember(principal, groupId)));
  }
}
