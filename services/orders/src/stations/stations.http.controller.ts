import { Public } from '@lantern/http';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { StationsRepository } from './stations.repository';

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
  constructor(private readonly stations: StationsRepository) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Village service centres and their stations (public)' })
  @ApiOkResponse({ type: StationsResponse })
  async list(): Promise<StationsResponse> {
    return { items: (await this.stations.list()).map(({ _id, ...station }) => ({ id: _id, ...station })) };
  }
}
