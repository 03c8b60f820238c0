import { ApiProblemResponses, CurrentPrincipal, forbidden, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { StationsRepository } from '../../stations/stations.repository';
import { canSeeStationReport, canSeeTownReport, canSeeVillageReport, VillageOf } from '../domain/report-access.policy';
import { ReportScope } from '../domain/report-scope';
import { GetReportHandler } from './get-report.handler';
import { csvLanguage, reportCsv } from './report-csv';
import { resolvePeriod } from './report-period';
import { ReportQuery } from './report.query.dto';
import { ReportResponse } from './report.response.dto';

const ID = /^[a-z0-9_-]{1,100}$/i;
const PROBLEMS = {
  400: 'The period is not one: the field is named',
  401: 'No valid bearer token',
  403: 'The report is outside your stations or village',
  404: 'No such station or village',
};

/**
 * The three rates and service statistics of a station, a village or the town. JSON by default;
 * CSV with `Accept: text/csv` (headings in zh-CN or en).
 */
@ApiTags('reports')
@Controller('reports')
export class GetReportHttpController {
  constructor(
    private readonly reports: GetReportHandler,
    private readonly stations: StationsRepository,
  ) {}

  @Get('stations/:stationId')
  @ApiOperation({ summary: "A station's report (its supervisors, its village's committee, admins)" })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ReportResponse })
  @ApiProblemResponses(PROBLEMS)
  async station(@Param('stationId') stationId: string, @Query() query: ReportQuery, @CurrentPrincipal() principal: Principal, @Headers() headers: Record<string, string | undefined>, @Res({ passthrough: true }) reply: FastifyReply) {
    const period = resolvePeriod(query);
    const station = ID.test(stationId) ? await this.stations.findById(stationId) : null;
    if (!station) throw notFound(`Station ${stationId}`);
    if (!canSeeStationReport(principal, station._id, station.villageId, await this.villageOf())) throw forbidden(`You may not see the report of station ${stationId}`);
    return this.respond({ kind: 'station', id: station._id }, period, query, headers, reply);
  }

  @Get('villages/:villageId')
  @ApiOperation({ summary: "A village's report, all its stations together, with coverage (its committee, admins)" })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ReportResponse })
  @ApiProblemResponses(PROBLEMS)
  async village(@Param('villageId') villageId: string, @Query() query: ReportQuery, @CurrentPrincipal() principal: Principal, @Headers() headers: Record<string, string | undefined>, @Res({ passthrough: true }) reply: FastifyReply) {
    const period = resolvePeriod(query);
    const villageOf = await this.villageOf();
    const known = ID.test(villageId) && (await this.stations.snapshot()).all.some((station) => station.villageId === villageId);
    if (!known) throw notFound(`Village ${villageId}`);
    if (!canSeeVillageReport(principal, villageId, villageOf)) throw forbidden(`You may not see the report of village ${villageId}`);
    return this.respond({ kind: 'village', id: villageId }, period, query, headers, reply);
  }

  @Get('town')
  @ApiOperation({ summary: 'The whole town: every village and station (admins)' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: ReportResponse })
  @ApiProblemResponses({ 400: PROBLEMS[400], 401: PROBLEMS[401], 403: 'Only admins see the town report' })
  async town(@Query() query: ReportQuery, @CurrentPrincipal() principal: Principal, @Headers() headers: Record<string, string | undefined>, @Res({ passthrough: true }) reply: FastifyReply) {
    const period = resolvePeriod(query);
    if (!canSeeTownReport(principal)) throw forbidden('Only admins see the town report');
    return this.respond({ kind: 'town' }, period, query, headers, reply);
  }

  private async respond(scope: ReportScope, period: ReturnType<typeof resolvePeriod>, query: ReportQuery, headers: Record<string, string | undefined>, reply: FastifyReply): Promise<ReportResponse | string> {
    const report = await this.reports.execute(scope, period);
    if (!headers.accept?.includes('text/csv')) return report;
    const language = csvLanguage(query.lang, headers['accept-language']);
    const name = `lantern-report-${scope.kind === 'town' ? 'town' : scope.id}-${period.from}-${period.to}.csv`;
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).header('content-language', language);
    return reportCsv(report, language);
  }

  private async villageOf(): Promise<VillageOf> {
    const stations = await this.stations.snapshot();
    const byId = new Map(stations.all.map((station) => [station._id, station.villageId]));
    return (stationId) => byId.get(stationId);
  }
}
