import { DomainError } from '@lantern/errors';
import type { Logger } from '@lantern/logging';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { throwError } from 'rxjs';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { methodNotAllowed } from './method-not-allowed';
import { PROBLEM_CONTENT_TYPE, problemFor, ProblemDetails, ProblemException, unavailable } from './problem';

/** The one place where the business's refusals (libs/errors) become HTTP answers. */
const DOMAIN_STATUS: Record<DomainError['kind'], number> = { not_found: 404, conflict: 409, forbidden: 403, invalid: 422 };

export function problemForDomainError(error: DomainError): ProblemDetails {
  return problemFor(DOMAIN_STATUS[error.kind], error.message, error.extensions);
}

/** Turns every error of an HTTP request into `application/problem+json`; internals never leak. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost) {
    // Message handlers: hand the original error back to the consumer runner (it retries or dead-letters).
    if (host.getType() !== 'http') return throwError(() => exception);
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    // A path that exists under other methods: 405 with Allow, whatever the not-found route answered.
    exception = methodNotAllowed(request) ?? exception;
    const outage = isDatabaseUnavailable(exception);
    if (outage) {
      // An outage, not a bug: one warning line per request (no stack), and the client is told when to retry.
      this.logger.warn({ database: { error: (exception as Error).name, reason: (exception as Error).message }, method: request.method, url: request.url }, 'database unavailable');
      exception = unavailable('The database is unavailable at the moment; retry shortly', DATABASE_RETRY_AFTER_SECONDS);
    }
    const problem = { ...this.toProblem(exception), instance: request.url };
    if (problem.status >= 500 && !outage) {
      this.logger.error({ err: exception, method: request.method, url: request.url }, 'request failed');
    }
    const headers = exception instanceof ProblemException ? exception.headers : {};
    void reply.status(problem.status).headers(headers).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }

  private toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof DomainError) return problemForDomainError(exception);
    if ((exception as Error)?.name === 'ConcurrencyError') {
      // Only reaches HTTP when a stream stayed contended through every retry.
      return problemFor(409, 'Someone else changed this at the same moment; please retry', { retryable: true });
    }
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      return problemFor(exception.getStatus(), Array.isArray(message) ? message.join('; ') : String(message ?? exception.message));
    }
    // Errors raised by fastify itself (malformed JSON, body too large, wrong content type).
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode < 500) {
      const detail = fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(fastifyError.message ?? '')
        ? 'The request body is not valid JSON'
        : fastifyError.message;
      return problemFor(fastifyError.statusCode, detail);
    }
    return problemFor(500, 'Something went wrong on our side; the error has been logged');
  }
}
