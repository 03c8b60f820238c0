import { CurrentPrincipal, Idempotent, Roles } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { VolunteerResponse } from '../volunteer.response.dto';
import { VolunteerRepository } from '../volunteer.repository';
import { RegisterVolunteerHandler } from './register-volunteer.handler';
import { RegisterVolunteerRequest } from './register-volunteer.request.dto';

@ApiTags('volunteers')
@Controller('volunteers')
export class RegisterVolunteerHttpController {
  constructor(
    private readonly register: RegisterVolunteerHandler,
    private readonly volunteers: VolunteerRepository,
  ) {}

  @Post()
  @HttpCode(201)
  @Idempotent()
  @Roles('volunteer', 'resident', 'admin')
  @ApiOperation({ summary: 'Register as a volunteer with explicit consent (yourself; admins may register someone else)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: VolunteerResponse })
  @ApiConflictResponse({ description: 'Already registered' })
  async create(@Body() body: RegisterVolunteerRequest, @CurrentPrincipal() principal: Principal): Promise<VolunteerResponse> {
    const state = await this.register.execute(principal, body);
    return VolunteerResponse.from(state, 1, await this.volunteers.findPersonal(state.id));
  }
}
