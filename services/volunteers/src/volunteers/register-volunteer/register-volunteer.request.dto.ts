import { Omittable } from '@lantern/http';
import { VILLAGE_IDS } from '@lantern/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, Equals, IsArray, IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const AVAILABILITY = ['weekday_morning', 'weekday_afternoon', 'weekday_evening', 'weekend'] as const;
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const SKILL = /^[a-z0-9][a-z0-9_-]{0,49}$/;

export class RegisterVolunteerRequest {
  @ApiPropertyOptional({ description: 'Admins only: the person (token subject) being registered. Volunteers register themselves.' })
  @Omittable()
  @IsString()
  @Matches(ID, { message: 'personId must be a person id' })
  personId?: string;

  @ApiProperty({ example: '李好姐', description: 'Kept in this service only; never in events or logs' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: '13800001234', description: 'Kept in this service only; never in events or logs' })
  @IsString()
  @Matches(/^\+?[0-9]{6,20}$/, { message: 'phone must be 6-20 digits' })
  phone: string;

  @ApiPropertyOptional({ description: 'Resident ID number, for insurance; kept in this service only' })
  @Omittable()
  @IsString()
  @Matches(/^[0-9]{17}[0-9Xx]$/, { message: 'idNumber must be an 18-character resident ID number' })
  idNumber?: string;

  @ApiProperty({ example: true, description: 'Explicit consent to the processing of personal data; must be true' })
  @Equals(true, { message: 'consentGiven must be true: registration needs explicit consent' })
  consentGiven: boolean;

  @ApiProperty({ example: '2026-01', description: 'Version of the consent text shown to the volunteer' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,20}$/, { message: 'consentVersion must be a version label' })
  consentVersion: string;

  @ApiProperty({ enum: VILLAGE_IDS, isArray: true, example: ['lizhoujiao'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(VILLAGE_IDS, { each: true })
  villages: string[];

  @ApiProperty({ example: ['home-visit', 'first-aid'], description: 'Skill codes (lower-case)' })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(SKILL, { each: true, message: 'each skill must be a lower-case skill code' })
  skills: string[];

  @ApiProperty({ enum: AVAILABILITY, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(AVAILABILITY, { each: true })
  availability: string[];
}
