import { MenuServiceAddedV1, MenuServiceReinstatedV1, MenuServiceRetiredV1 } from '@lantern/contracts';
import { Reducer } from '@lantern/event-store';

/** The stream of one menu entry's changes; its id is the Kafka key of their events. */
export const menuServiceStreamId = (serviceCode: string) => `svc_${serviceCode}`;

/** Whether a menu entry is on the menu, as its stream tells it. */
export interface MenuServiceState {
  /** False for an entry whose stream is empty: its catalogue document is all there is to know. */
  changed: boolean;
  /** Added through the API (menu-service.added): the demo menu's entries were not. */
  added: boolean;
  retiredAt: string | null;
  reinstatedAt: string | null;
}

export const menuServiceReducer: Reducer<MenuServiceState> = {
  initial: () => ({ changed: false, added: false, retiredAt: null, reinstatedAt: null }),
  apply: (state, event) => {
    if (event.type === MenuServiceAddedV1.type) return { ...state, added: true };
    if (event.type === MenuServiceRetiredV1.type) return { ...state, changed: true, retiredAt: event.data.retiredAt as string };
    if (event.type === MenuServiceReinstatedV1.type) return { ...state, changed: true, retiredAt: null, reinstatedAt: event.data.reinstatedAt as string };
    return state;
  },
};

/**
 * When the entry was retired, or null when it is on the menu. An entry retired before its
 * changes were events has an empty stream and only the date on its catalogue document.
 */
export function retiredSince(state: MenuServiceState, documentRetiredAt: Date | null): string | null {
  if (state.changed) return state.retiredAt;
  return documentRetiredAt ? new Date(documentRetiredAt).toISOString() : null;
}
