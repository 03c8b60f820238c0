import { Public, replyTaggedJson } from '@lantern/http';
import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { JsonPerSnapshot } from '../reference-data/json-per-snapshot';
import { byId, StationsRepository, StationsSnapshot } from './stations.repository';

class StationName {
  @ApiProperty({ example: '黎洲角村社区服务中心' }) 'zh-CN': string;
  @ApiProperty({ example: 'Lizhoujiao Community Service Centre' }) en: string;
}

class StationResponse {
  @ApiProperty({ example: 'lizhoujiao-centre' }) id: string;
  @ApiProperty({ example: 'lizhoujiao' }) villageId: string;
  @ApiProperty({ enum: ['centre', 'station'] }) kind: string;
  @ApiProperty({ type: StationName }) name: StationName;
}

class StationsResponse {
  @ApiProperty({ type: [StationResponse] }) items: StationResponse[];
}

@ApiTags('stations')
@Controller('stations')
export class StationsHttpController {
  /** Stations change rarely and are read by everyone: serialised once per change of them. */
  private readonly body = new JsonPerSnapshot<StationsSnapshot>((stations): StationsResponse => ({ items: byId(stations).map(({ _id, ...station }) => ({ id: _id, ...station })) }));

  constructor(private readonly stations: StationsRepository) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Village service centres and their stations (public)' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of a copy the client holds: 304 while it is current' })
  @ApiNotModifiedResponse({ description: 'The copy named by If-None-Match is current' })
  @ApiOkResponse({ type: StationsResponse })
  // Request and reply as they are (no pipe runs on them): the cheapest way in for the hottest read.
  async list(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer | undefined> {
    return replyTaggedJson(request, reply, this.body.render(await this.stations.snapshot()));
  }
}
