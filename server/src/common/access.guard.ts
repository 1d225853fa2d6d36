import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@zipin/shared';
import { ACCESS_KEY, PASSWORD_CHANGE_EXEMPT_KEY, requestContextOf, type AccessRule } from './access.decorators.js';
import { DomainError } from './domain-error.js';
import { requestLogStore } from '../logging/request-log-store.js';
import type { RequestContext, RequestUser } from './request-context.js';

export const SESSION_COOKIE = 'zipin_session';

/** Turns a session token into the signed-in user; provided by the auth module. */
export abstract class SessionLookup {
  abstract userForToken(token: string): Promise<RequestUser | null>;
}

export function sessionTokenOf(req: RequestContext['req']): string | null {
  const header = req.headers?.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  const cookie = (req as { cookies?: Record<string, string> }).cookies?.[SESSION_COOKIE];
  return cookie || null;
}

/** Resolves the user once per request (guards, field resolvers and loaders share it). */
export async function resolveUser(ctx: RequestContext, sessions: SessionLookup): Promise<RequestUser | null> {
  if (!ctx.userResolved) {
    const token = sessionTokenOf(ctx.req);
    ctx.user = token ? await sessions.userForToken(token) : null;
    ctx.userResolved = true;
    // Who asked, on every later line of the request and on the line that closes it.
    const log = requestLogStore.getStore();
    if (log && ctx.user) log.userId = ctx.user.id;
  }
  return ctx.user;
}

/**
 * Every resolver and route declares who may call it (@Allow or @Public); an undeclared one
 * is refused, so forgetting a decorator fails closed.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('AccessGuard');
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionLookup,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [context.getHandler(), context.getClass()]);
    const ctx = requestContextOf(context);
    const user = await resolveUser(ctx, this.sessions);
    if (!rule) this.logger.error(`No access rule declared on ${context.getClass().name}.${context.getHandler().name}`);
    const exempt = () => !!this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_EXEMPT_KEY, [context.getHandler(), context.getClass()]);
    const refusal = accessRefusal(rule, user, exempt);
    if (refusal) throw refusal;
    return true;
  }
}

/**
 * Why this user may not call a handler with this rule, or null when they may: the one rule the
 * guard (queries, mutations, REST routes) and the field resolvers' check (field-access.ts) apply.
 */
export function accessRefusal(rule: AccessRule | undefined, user: RequestUser | null, passwordChangeExempt: () => boolean): DomainError | null {
  // Undeclared fails closed (the start-up check refuses such a handler before it can be called).
  if (!rule) return new DomainError(ErrorCode.FORBIDDEN);
  if (rule.kind === 'public') return null;
  if (!user) return new DomainError(ErrorCode.UNAUTHENTICATED);
  if (rule.roles.length && !rule.roles.includes(user.role)) return new DomainError(ErrorCode.FORBIDDEN);
  // An admin-set password proves nothing about who is typing: no work, and no signature, until it is changed.
  if (user.mustChangePassword && !passwordChangeExempt()) return new DomainError(ErrorCode.PASSWORD_CHANGE_REQUIRED);
  return null;
}
