import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { tooManyRequests } from '../problem/problem';
import { WriteRateLimiter } from './write-rate-limiter';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Limits writes per token subject (after authentication, before validation and the handler).
 * Reads are not limited; public writes, which carry no subject, are not either.
 */
@Injectable()
export class WriteRateLimitInterceptor implements NestInterceptor {
  constructor(private readonly limiter: WriteRateLimiter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const subject = request.principal?.sub;
    if (subject && WRITES.has(request.method)) {
      const decision = this.limiter.take(subject);
      if (!decision.allowed) {
        throw tooManyRequests(`Too many writes from this caller; retry in ${decision.retryAfterSeconds} s`, decision.retryAfterSeconds);
      }
    }
    return next.handle();
  }
}
