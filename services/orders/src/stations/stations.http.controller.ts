import { Public } from '@lantern/http';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
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
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'Village service centres and their stations (public)' })
  @ApiOkResponse({ type: StationsResponse })
  async list(): Promise<string> {
    return this.body.render(await this.stations.snapshot());
  }
}
