import { Injectable } from '@nestjs/common';
import { estimateDistinct, mergeSketches } from '../domain/hyperloglog';
import { computeFigures } from '../domain/report-figures';
import { ReportScope } from '../domain/report-scope';
import { ReportStore } from '../report-store';
import { ResolvedPeriod } from './report-period';
import { CoverageDto, ReportResponse } from './report.response.dto';

/** Reads a scope's day documents of the period by `_id` and turns their entries into figures — never a scan of orders. */
@Injectable()
export class GetReportHandler {
  constructor(private readonly store: ReportStore) {}

  async execute(scope: ReportScope, period: ResolvedPeriod, population?: number | null): Promise<ReportResponse> {
    const days = await this.store.readDays(scope, period.days);
    const figures = computeFigures(days.flatMap((day) => Object.values(day.orders ?? {})));
    const report: ReportResponse = {
      scope: scope.kind === 'town' ? { kind: 'town' } : { kind: scope.kind, id: scope.id },
      period: { kind: period.kind, from: period.from, to: period.to, timeZone: 'Asia/Shanghai' },
      figures,
    };
    if (population !== undefined) report.coverage = coverageOf(estimateDistinct(mergeSketches(days.map((day) => day.served ?? {}))), population);
    return report;
  }
}

function coverageOf(servedResidents: number, population: number | null): CoverageDto {
  const rate = population ? Math.round((servedResidents / population) * 10_000) / 10_000 : null;
  return { servedResidents, population, rate };
}
