import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import type { Request } from 'express';
import { CSRF_HEADER, ErrorCode } from '@zipin/shared';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { DomainError } from './domain-error.js';
import { SESSION_COOKIE } from './access.guard.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Content types a foreign page may send without a preflight (the Fetch standard's CORS-safelisted ones). */
const SIMPLE_CONTENT_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);
/** Headers that force a preflight: ours, and Apollo's, which GraphQL clients already send. */
const PREFLIGHT_HEADERS = [CSRF_HEADER, 'apollo-require-preflight', 'x-apollo-operation-name'];

/**
 * Cross-site request forgery, refused in one place for every REST route: a state-changing
 * request that a browser would send with the session cookie from another site (cookie, a
 * simple content type, no custom header, a foreign or missing Origin) never reaches a handler.
 * GraphQL has the same rule from Apollo's csrfPrevention. A request without the session cookie
 * (a Bearer token, an anonymous public upload) carries nothing a browser adds by itself, so it passes.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<GqlContextType>() === 'graphql') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const why = crossSiteRisk(req, this.config.publicUrl);
    if (why) throw new DomainError(ErrorCode.FORBIDDEN, `跨站请求被拒绝（${why}）：请从本系统页面操作，或带上请求头 ${CSRF_HEADER}`, { reason: 'CROSS_SITE_REQUEST' });
    return true;
  }
}

/** Why the request could have been forged by another site, or null when it could not. */
export function crossSiteRisk(req: Request, publicUrl: string): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const hasCookie = !!(req as { cookies?: Record<string, string> }).cookies?.[SESSION_COOKIE] || /(?:^|;\s*)zipin_session=/.test(req.headers.cookie ?? '');
  // Without the session cookie there is no ambient credential to abuse (Bearer tokens, public uploads).
  if (!hasCookie) return null;
  const origin = req.headers.origin;
  // A foreign Origin is refused whatever else it sends: only a browser page on that site sets it.
  if (origin && (origin === 'null' || !sameOrigin(origin, req, publicUrl))) return `来源 ${origin} 不是本站`;
  if (PREFLIGHT_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType && !SIMPLE_CONTENT_TYPES.has(contentType)) return null;
  if (origin) return null;
  return '缺少来源或请求头';
}

function sameOrigin(origin: string, req: Request, publicUrl: string): boolean {
  const own = new Set([new URL(publicUrl).origin]);
  const host = req.headers.host;
  if (host) own.add(`${req.protocol}://${host}`);
  return own.has(origin);
}
