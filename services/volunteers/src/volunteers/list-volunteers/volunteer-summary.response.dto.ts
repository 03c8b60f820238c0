import { ApiProperty, PickType } from '@nestjs/swagger';
import { starsFor } from '../domain/star-levels';
import { maskedPhone } from '../domain/masked-phone';
import { VolunteerResponse } from '../volunteer.response.dto';
import { VolunteerPersonal } from '../volunteer-personal.model';
import { VolunteerView } from '../volunteer-view.model';

/** A volunteer in a list: name and masked phone as `GET /v1/volunteers/{id}` shows them; never an ID number. */
export class VolunteerSummary extends PickType(VolunteerResponse, ['id', 'status', 'name', 'phoneMasked', 'villages', 'skills', 'totalHours', 'stars'] as const) {
  @ApiProperty({ format: 'date-time' }) registeredAt: string;

  static from(view: VolunteerView, personal: VolunteerPersonal | null): VolunteerSummary {
    const { _id: id, status, villages, skills, totalHours, registeredAt } = view;
    const name = personal?.name ?? '';
    const phoneMasked = personal ? maskedPhone(personal.phone) : '';
    return { id, status, name, phoneMasked, villages, skills, totalHours, stars: starsFor(totalHours), registeredAt: registeredAt.toISOString() };
  }
}

export class VolunteerPage {
  @ApiProperty({ type: [VolunteerSummary] }) items: VolunteerSummary[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
