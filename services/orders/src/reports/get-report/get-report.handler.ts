import { Injectable } from '@nestjs/common';
import { VillagesRepository } from '../../villages/villages.repository';
import { estimateDistinct, mergeSketches } from '../domain/hyperloglog';
import { computeFigures } from '../domain/report-figures';
import { ReportScope } from '../domain/report-scope';
import { ReportDay } from '../report-day.model';
import { ReportStore } from '../report-store';
import { ResolvedPeriod } from './report-period';
import { CoverageDto, ReportResponse, VolunteerFiguresDto } from './report.response.dto';

const share = (part: number, whole: number | null): number | null => (whole ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** Reads a scope's day documents of the period by `_id` and turns their entries into figures — never a scan of orders. */
@Injectable()
export class GetReportHandler {
  constructor(
    private readonly store: ReportStore,
    private readonly villages: VillagesRepository,
  ) {}

  async execute(scope: ReportScope, period: ResolvedPeriod): Promise<ReportResponse> {
    const days = await this.store.readDays(scope, period.days);
    const report: ReportResponse = {
      scope: scope.kind === 'town' ? { kind: 'town' } : { kind: scope.kind, id: scope.id },
      period: { kind: period.kind, from: period.from, to: period.to, timeZone: 'Asia/Shanghai' },
      figures: computeFigures(days.flatMap((day) => Object.values(day.orders ?? {}))),
    };
    // Coverage is per village and for the town: a station serves no population of its own.
    if (scope.kind !== 'station') report.coverage = await this.coverage(scope, days);
    return report;
  }

  private async coverage(scope: ReportScope, days: ReportDay[]): Promise<CoverageDto> {
    const [population, roster] = await Promise.all([this.population(scope), this.store.readRoster(scope)]);
    const servedResidents = estimateDistinct(mergeSketches(days.map((day) => day.served ?? {})));
    return { servedResidents, population, rate: share(servedResidents, population), volunteers: volunteerFigures(roster?.volunteers ?? {}, days, population) };
  }

  private async population(scope: ReportScope): Promise<number | null> {
    if (scope.kind === 'village') return (await this.villages.findById(scope.id))?.population ?? null;
    const recorded = (await this.villages.list()).flatMap((village) => (village.population === null ? [] : [village.population]));
    return recorded.length === 0 ? null : recorded.reduce((a, b) => a + b, 0);
  }
}

function volunteerFigures(roster: Record<string, boolean>, days: ReportDay[], population: number | null): VolunteerFiguresDto {
  const netHours = new Map<string, number>();
  for (const day of days) for (const { volunteerId, hours } of Object.values(day.volunteerHours ?? {})) netHours.set(volunteerId, (netHours.get(volunteerId) ?? 0) + hours);
  const active = Object.values(roster).filter(Boolean).length;
  return {
    registered: Object.keys(roster).length,
    active,
    activeShareOfPopulation: share(active, population),
    withHoursInPeriod: [...netHours.values()].filter((hours) => hours > 0).length,
    hoursInPeriod: Math.round([...netHours.values()].reduce((a, b) => a + b, 0) * 100) / 100,
  };
}
