import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReportFigures, Tally } from '../domain/report-figures';

const rate = { type: Number, nullable: true, description: 'A share 0–1 (4 decimals); null when its denominator is 0' } as const;
const tally = { type: 'object', additionalProperties: { type: 'integer' } } as const;

class ReportScopeDto {
  @ApiProperty({ enum: ['station', 'village', 'town'] }) kind: 'station' | 'village' | 'town';
  @ApiPropertyOptional({ example: 'lizhoujiao-east' }) id?: string;
}

class ReportPeriodDto {
  @ApiProperty({ enum: ['day', 'week', 'month', 'range'] }) kind: string;
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone: string;
}

class EscalationsDto {
  @ApiProperty() supervisor: number;
  @ApiProperty() committee: number;
}

class ResponseFiguresDto {
  @ApiProperty() claimedOnTime: number;
  @ApiProperty() claimed: number;
  @ApiProperty({ ...rate, description: '响应率: orders claimed within their claim SLA ÷ orders placed' }) rate: number | null;
  @ApiProperty({ type: Number, nullable: true }) medianMinutesToClaim: number | null;
  @ApiProperty({ type: Number, nullable: true }) p90MinutesToClaim: number | null;
  @ApiProperty({ type: EscalationsDto, description: 'Orders escalated to each level' }) escalations: EscalationsDto;
}

class CancelledByDto {
  @ApiProperty() resident: number;
  @ApiProperty() staff: number;
}

class ResolutionFiguresDto {
  @ApiProperty({ description: 'Orders that reached an end: completed (any outcome) or cancelled' }) ended: number;
  @ApiProperty() fulfilled: number;
  @ApiProperty({ ...rate, description: '解决率: fulfilled (done or partially done) ÷ ended' }) rate: number | null;
  @ApiProperty() done: number;
  @ApiProperty() partiallyDone: number;
  @ApiProperty() referred: number;
  @ApiProperty() cancelled: number;
  @ApiProperty({ type: CancelledByDto }) cancelledBy: CancelledByDto;
}

class SatisfactionFiguresDto {
  @ApiProperty() ratings: number;
  @ApiProperty() satisfied: number;
  @ApiProperty({ ...rate, description: '满意率: ratings of 4 or 5 ÷ ratings given' }) rate: number | null;
  @ApiProperty({ type: Number, nullable: true }) meanRating: number | null;
  @ApiProperty({ description: 'Ratings of 1 or 2' }) lowRatings: number;
  @ApiProperty() followUpsOpen: number;
  @ApiProperty() followUpsClosed: number;
  @ApiProperty({ description: 'Follow-ups closed by their case deadline' }) followUpsClosedOnTime: number;
  @ApiProperty({ ...tally, description: 'Closed follow-ups by coded outcome' }) followUpOutcomes: Tally;
}

class FulfilmentFiguresDto {
  @ApiProperty({ description: 'Completed by the fulfiller they were routed to' }) completedAfterRoute: number;
  @ApiProperty({ description: 'Completed by the station itself (a supervisor who took the escalated order), never routed' }) completedDirectly: number;
  @ApiProperty({ description: 'Of both, completed by their fulfil deadline (the route\'s; the station\'s: its fulfil SLA from when it took the order)' }) onTime: number;
  @ApiProperty({ ...rate, description: '按时完成率: completed on time ÷ (completed after routing + completed directly)' }) rate: number | null;
}

class HandBacksDto {
  @ApiProperty({ description: 'Orders the fulfiller handed back at least once' }) orders: number;
  @ApiProperty({ description: 'Hand-backs in all' }) total: number;
  @ApiProperty({ ...tally, description: 'Hand-backs by coded reason' }) byReason: Tally;
}

class ReassignmentsDto {
  @ApiProperty({ description: 'Orders whose claim moved to another worker at least once' }) orders: number;
  @ApiProperty({ description: 'Moves in all' }) total: number;
}

class WorkloadDto {
  @ApiProperty({ ...tally, description: 'Orders held by each social worker (the latest claim, after any reassignment)' }) socialWorkers: Tally;
  @ApiProperty({ ...tally, description: 'Orders per fulfiller (type:id): the latest route, or station:<id> for an order the station fulfilled itself' }) fulfillers: Tally;
}

class ReportFiguresDto implements ReportFigures {
  @ApiProperty() ordersPlaced: number;
  @ApiProperty({ type: ResponseFiguresDto }) response: ResponseFiguresDto;
  @ApiProperty({ type: ResolutionFiguresDto }) resolution: ResolutionFiguresDto;
  @ApiProperty({ type: SatisfactionFiguresDto }) satisfaction: SatisfactionFiguresDto;
  @ApiProperty({ type: FulfilmentFiguresDto }) fulfilment: FulfilmentFiguresDto;
  @ApiProperty({ type: HandBacksDto }) handBacks: HandBacksDto;
  @ApiProperty({ type: ReassignmentsDto }) reassignments: ReassignmentsDto;
  @ApiProperty(tally) byService: Tally;
  @ApiProperty(tally) byCategory: Tally;
  @ApiProperty(tally) byKind: Tally;
  @ApiProperty(tally) byUrgency: Tally;
  @ApiProperty({ type: WorkloadDto }) workload: WorkloadDto;
}

export class VolunteerFiguresDto {
  @ApiProperty({ description: 'Volunteers registered in the scope (now, not only in the period)' }) registered: number;
  @ApiProperty({ description: 'Of those, not suspended' }) active: number;
  @ApiProperty({ ...rate, description: 'active ÷ population' }) activeShareOfPopulation: number | null;
  @ApiProperty({ description: 'Volunteers with hours credited in the period (net of corrections)' }) withHoursInPeriod: number;
  @ApiProperty({ description: 'Volunteer hours credited in the period (net of corrections)' }) hoursInPeriod: number;
}

export class CoverageDto {
  @ApiProperty({ description: 'Distinct residents served (done or partially done), estimated from a HyperLogLog sketch (exact for small counts, ±1.6 % typical)' })
  servedResidents: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Resident population; null when not recorded' }) population: number | null;
  @ApiProperty({ ...rate, description: 'servedResidents ÷ population' }) rate: number | null;
  @ApiProperty({ type: VolunteerFiguresDto }) volunteers: VolunteerFiguresDto;
}

/**
 * A manager's report. Each order counts in the period its placement falls in (Asia/Shanghai):
 * its claim, outcome and rating count with it, whenever they happened.
 */
export class ReportResponse {
  @ApiProperty({ type: ReportScopeDto }) scope: ReportScopeDto;
  @ApiProperty({ type: ReportPeriodDto }) period: ReportPeriodDto;
  @ApiProperty({ type: ReportFiguresDto }) figures: ReportFiguresDto;
  @ApiPropertyOptional({ type: CoverageDto, description: 'Villages and the town only' }) coverage?: CoverageDto;
}
