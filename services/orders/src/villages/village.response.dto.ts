import { ApiProperty } from '@nestjs/swagger';
import { Village } from './village.model';

class VillageName {
  @ApiProperty({ example: '黎洲角' }) 'zh-CN': string;
  @ApiProperty({ example: 'Lizhoujiao' }) en: string;
}

export class VillageResponse {
  @ApiProperty({ example: 'lizhoujiao' }) id: string;
  @ApiProperty({ type: VillageName }) name: VillageName;
  @ApiProperty({ type: Number, nullable: true, example: 6200, description: 'Resident population (the denominator of coverage); null until recorded' }) population: number | null;

  static from(village: Village): VillageResponse {
    return { id: village._id, name: { 'zh-CN': village.name['zh-CN'], en: village.name.en }, population: village.population };
  }
}

export class VillagesResponse {
  @ApiProperty({ type: [VillageResponse] }) items: VillageResponse[];
}
