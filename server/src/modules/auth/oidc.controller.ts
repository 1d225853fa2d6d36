import { Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ErrorCode } from '@zipin/shared';
import { Allow, CurrentUser, PasswordChangeExempt, Public } from '../../common/access.decorators.js';
import { SESSION_COOKIE } from '../../common/access.guard.js';
import { DomainError } from '../../common/domain-error.js';
import { toDomainError } from '../../common/error.filter.js';
import type { RequestUser } from '../../common/request-context.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { OIDC_CALLBACK_PATH, type AppConfig } from '../../config/app-config.js';
import { OidcService, safeReturnPath, type OidcFlow } from './oidc.service.js';

const FLOW_COOKIE = 'zipin_oidc';
const FLOW_COOKIE_PATH = '/api/auth/oidc';
const logger = new Logger('SingleSignOn');

/**
 * The browser's side of single sign-on. Every answer is a redirect: to the provider, back into
 * the app, or to the login page (or the sign dialog) with the refusal's code, which the page
 * explains in the user's language.
 */
@Controller('api/auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login')
  async login(@Query('redirect') redirect: string | undefined, @Res() res: Response): Promise<void> {
    try {
      const { url, flow } = await this.oidc.begin('login', safeReturnPath(redirect));
      this.setFlow(res, flow);
      res.redirect(302, url);
    } catch (err) {
      res.redirect(302, withError('/login', err));
    }
  }

  /** A unit head signed in through SSO proves presence for a signature by signing in again at the provider. */
  @Allow()
  @PasswordChangeExempt()
  @Get('reauth')
  async reauth(@Query('returnTo') returnTo: string | undefined, @CurrentUser() user: RequestUser, @Res() res: Response): Promise<void> {
    const back = safeReturnPath(returnTo);
    try {
      const { url, flow } = await this.oidc.begin('sign', back, user);
      this.setFlow(res, flow);
      res.redirect(302, url);
    } catch (err) {
      res.redirect(302, withError(back, err));
    }
  }

  @Public()
  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const flow = this.oidc.unseal((req as { cookies?: Record<string, string> }).cookies?.[FLOW_COOKIE]);
    // The flow is used once, whatever the outcome.
    res.clearCookie(FLOW_COOKIE, { path: FLOW_COOKIE_PATH });
    const failTo = flow?.purpose === 'sign' ? flow.returnTo : '/login';
    try {
      if (!flow) throw new DomainError(ErrorCode.SSO_FAILED, '统一身份认证的登录状态已失效（在其他窗口开始或已超时），请重新登录');
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      const outcome = await this.oidc.complete(flow, new URL(OIDC_CALLBACK_PATH + query, this.oidc.settings.redirectUrl));
      if (outcome.purpose === 'login') {
        res.cookie(SESSION_COOKIE, outcome.token, { httpOnly: true, sameSite: 'lax', secure: this.config.cookieSecure, expires: outcome.expiresAt, path: '/' });
        res.redirect(302, outcome.returnTo);
      } else {
        res.redirect(302, withParam(outcome.returnTo, 'fresh_auth', '1'));
      }
    } catch (err) {
      res.redirect(302, withError(failTo, err));
    }
  }

  /** After the local session has ended (the logout mutation): the provider's sign-out, or the login page. */
  @Public()
  @Get('end-session')
  async endSession(@Res() res: Response): Promise<void> {
    const url = this.oidc.enabled ? await this.oidc.endSessionUrl() : null;
    res.redirect(302, url ?? '/login');
  }

  private setFlow(res: Response, flow: OidcFlow): void {
    // Lax: the provider sends the browser back with a top-level GET, which carries it.
    res.cookie(FLOW_COOKIE, this.oidc.seal(flow), { httpOnly: true, sameSite: 'lax', secure: this.config.cookieSecure, maxAge: 10 * 60_000, path: FLOW_COOKIE_PATH });
  }
}

function withParam(path: string, key: string, value: string): string {
  const url = new URL(path, 'http://same-site');
  url.searchParams.set(key, value);
  return url.pathname + url.search + url.hash;
}

/** The refusal's code travels in the address; the page words it (no server text is reflected). */
function withError(path: string, err: unknown): string {
  const code = toDomainError(err, logger).code;
  return withParam(path, 'sso_error', code);
}
