import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class SetVillagePopulationRequest {
  @ApiProperty({ example: 6200, minimum: 1, maximum: 10_000_000, description: 'Resident population' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  population: number;
}
