import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** A text in both languages of the centre, as a survey and a needs link take it. */
export class LocalizedText {
  @ApiProperty({ example: '您最需要哪项服务？' }) @IsString() @Length(1, 500) 'zh-CN': string;
  @ApiProperty({ example: 'Which service do you need most?' }) @IsString() @Length(1, 500) en: string;
}
