import { ApiProperty } from '@nestjs/swagger';
import { nextThreshold, starsFor } from './domain/star-levels';
import { maskedPhone } from './domain/masked-phone';
import { Volunteer, VOLUNTEER_STATUSES } from './domain/volunteer.state';
import { VolunteerPersonal } from './volunteer-personal.model';

class TrainingRecordResponse {
  @ApiProperty({ example: 'first-aid' }) courseCode: string;
  @ApiProperty({ format: 'date' }) completedOn: string;
  @ApiProperty() trainingHours: number;
  @ApiProperty({ format: 'date', nullable: true, type: String }) validUntil: string | null;
}

export class VolunteerResponse {
  @ApiProperty() id: string;
  @ApiProperty({ enum: VOLUNTEER_STATUSES, description: 'withdrawn: consent withdrawn or data erased; personal fields read empty' }) status: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '*******1234', description: 'Masked: only the last four digits are ever returned' }) phoneMasked: string;
  @ApiProperty({ type: [String] }) villages: string[];
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ type: [String] }) availability: string[];
  @ApiProperty({ type: [TrainingRecordResponse] }) training: TrainingRecordResponse[];
  @ApiProperty() totalHours: number;
  @ApiProperty({ minimum: 0, maximum: 5 }) stars: number;
  @ApiProperty({ nullable: true, type: Number }) nextLevelAtHours: number | null;
  @ApiProperty() version: number;

  static from(state: Volunteer, version: number, personal: VolunteerPersonal | null): VolunteerResponse {
    return {
      id: state.id,
      status: state.status,
      name: personal?.name ?? '',
      phoneMasked: personal ? maskedPhone(personal.phone) : '',
      villages: state.villages,
      skills: state.skills,
      availability: personal?.availability ?? [],
      training: state.training,
      totalHours: state.totalHours,
      stars: starsFor(state.totalHours),
      nextLevelAtHours: nextThreshold(state.totalHours),
      version,
    };
  }
}
