import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { HoursEntry } from '../../volunteers/domain/volunteer.state';
import { HoursLedger } from '../hours-ledger.service';
import { GrantHoursRequest } from './grant-hours.request.dto';

/** Honour hours an admin grants, with the reason; the same source id (from the Idempotency-Key) grants once. */
@Injectable()
export class GrantHoursHandler {
  constructor(private readonly ledger: HoursLedger) {}

  execute(volunteerId: string, sourceId: string, principal: Principal, request: GrantHoursRequest): Promise<HoursEntry> {
    return this.ledger.creditWithReason({ volunteerId, sourceType: 'grant', sourceId, hours: request.hours, creditedBy: principal.sub }, request.reason);
  }
}
