import { APP_CONFIG, BaseConfig } from '@lantern/config';
import {
  authenticateBearer,
  AuthenticatedRequest,
  badRequest,
  bearerTokenOf,
  PUBLIC_ROUTE,
  TokenPolicy,
  tokenPolicyFrom,
  TokenVerifier,
  unauthenticated,
} from '@lantern/http';
import { Principal } from '@lantern/identity';
import { enrichContext } from '@lantern/logging';
import { applyDecorators, CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiQuery, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { StreamTicketsRepository } from './stream-tickets.repository';

/**
 * Authenticates the SSE stream by bearer token or, for browsers, by `?ticket=` (EventSource
 * cannot send headers). The platform's guard lets the route through (it only knows headers);
 * this one decides.
 */
@Injectable()
export class StreamAuthGuard implements CanActivate {
  private readonly policy: TokenPolicy;

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly tickets: StreamTicketsRepository,
    @Inject(APP_CONFIG) config: BaseConfig,
  ) {
    this.policy = tokenPolicyFrom(config);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const ticket = (request.query as { ticket?: unknown }).ticket;
    if (ticket !== undefined) redactTicket(request);
    // RFC 6750 §2: a client uses one method per request; two would leave "whose stream?" open.
    if (ticket !== undefined && request.headers.authorization) throw badRequest('Send a bearer token or a stream ticket, not both');
    request.principal = ticket === undefined ? await this.fromBearer(request.headers.authorization) : await this.fromTicket(ticket);
    enrichContext({ actor: request.principal.sub });
    return true;
  }

  private async fromTicket(ticket: unknown): Promise<Principal> {
    const principal = typeof ticket === 'string' ? await this.tickets.redeem(ticket) : null;
    if (!principal) throw unauthenticated('The stream ticket is unknown, expired or already used; ask for a new one');
    return principal;
  }

  private async fromBearer(header: string | undefined): Promise<Principal> {
    const token = bearerTokenOf(header);
    if (!token) throw unauthenticated('A valid bearer token or stream ticket is required');
    return authenticateBearer(this.verifier, token, this.policy);
  }
}

/**
 * The ticket is a credential, and libs/logging censors headers, not query strings: the error
 * log and the problem document's `instance` both show `request.url`. Rewriting the raw URL
 * (the query is already parsed) keeps the ticket out of both.
 */
function redactTicket(request: AuthenticatedRequest): void {
  request.raw.url = request.raw.url?.replace(/([?&]ticket=)[^&]*/g, '$1[redacted]');
}

/** Bearer token or stream ticket, checked by StreamAuthGuard instead of the platform's guard. */
export const BearerOrStreamTicket = () =>
  applyDecorators(
    SetMetadata(PUBLIC_ROUTE, true),
    UseGuards(StreamAuthGuard),
    ApiQuery({
      name: 'ticket',
      required: false,
      description: 'A stream ticket from POST /v1/inbox/stream-tickets, for clients that cannot send the Authorization header (EventSource). Single use, short-lived.',
    }),
    ApiUnauthorizedResponse({ description: 'No valid bearer token, or a ticket that is unknown, expired or already used' }),
  );
