import { ActivityTimesRequest } from '../activity-times.request.dto';

/** The new times; places and the waitlist stay as they are. */
export class RescheduleActivityRequest extends ActivityTimesRequest {}
