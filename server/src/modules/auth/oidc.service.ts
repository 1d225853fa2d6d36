import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Configuration, IDToken } from 'openid-client';
import { ErrorCode } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import type { RequestUser } from '../../common/request-context.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig, OidcConfig } from '../../config/app-config.js';
import { UserEntity } from '../org/user.entity.js';
import { AuthService } from './auth.service.js';

/**
 * A provider whose clock runs this far behind ours still counts as having authenticated the
 * signer after the re-authentication began.
 */
export const AUTH_TIME_SKEW_SECONDS = 60;
/** How long the browser may stay at the provider before the answer is no longer taken. */
const FLOW_MINUTES = 10;

/** What the browser carries to the provider and back (sealed in a cookie, never readable by it). */
export interface OidcFlow {
  state: string;
  nonce: string;
  verifier: string;
  purpose: 'login' | 'sign';
  /** For a signature: the session whose holder re-authenticates, and their account. */
  sessionId: string | null;
  userId: string | null;
  /** A path of this site to come back to. */
  returnTo: string;
  startedAt: number;
}

export type OidcOutcome =
  | { purpose: 'login'; user: UserEntity; token: string; expiresAt: Date; returnTo: string }
  | { purpose: 'sign'; user: UserEntity; returnTo: string };

/** Only a path of this site: never another host (`//evil`, `/\evil`) nor a scheme. */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\') || value.length > 500) return fallback;
  return value;
}

type Oidc = typeof import('openid-client');
/** openid-client is loaded with the first sign-in through the provider, not at start (the module loader keeps it after). */
const openidClient = (): Promise<Oidc> => import('openid-client');

/**
 * Single sign-on with an OpenID Connect provider: the authorization code flow with PKCE, state
 * and nonce, the account found by the configured claim (never created), and for a unit head's
 * signature a fresh sign-in at the provider (prompt=login, max_age=0, auth_time checked).
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('SingleSignOn');
  private discovered: Promise<Configuration> | null = null;
  private readonly sealKey: Buffer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly auth: AuthService,
  ) {
    this.sealKey = createHmac('sha256', config.sessionSecret).update('zipin oidc flow cookie').digest();
  }

  get enabled(): boolean {
    return !!this.config.oidc;
  }

  get settings(): OidcConfig {
    if (!this.config.oidc) throw new DomainError(ErrorCode.NOT_FOUND, '未配置统一身份认证');
    return this.config.oidc;
  }

  /** The provider's metadata, fetched on first use (the API starts while the provider is down) and again after a failure. */
  private provider(): Promise<Configuration> {
    const s = this.settings;
    this.discovered ??= openidClient()
      .then((oidc) =>
        oidc.discovery(new URL(s.issuer), s.clientId, { redirect_uris: [s.redirectUrl] }, oidc.ClientSecretBasic(s.clientSecret), {
          // An intranet provider on plain http is the administrator's explicit choice in OIDC_ISSUER.
          execute: s.issuer.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
        }),
      )
      .catch((err) => {
        this.discovered = null;
        this.logger.error(`cannot reach the provider at ${s.issuer}: ${(err as Error).message}`);
        throw new DomainError(ErrorCode.SSO_FAILED, '暂时无法连接统一身份认证服务，请稍后再试或使用本系统账号登录');
      });
    return this.discovered;
  }

  /** Where to send the browser to sign in, and the flow to seal into its cookie. */
  async begin(purpose: 'login', returnTo: string): Promise<{ url: string; flow: OidcFlow }>;
  async begin(purpose: 'sign', returnTo: string, user: RequestUser): Promise<{ url: string; flow: OidcFlow }>;
  async begin(purpose: 'login' | 'sign', returnTo: string, user?: RequestUser): Promise<{ url: string; flow: OidcFlow }> {
    const provider = await this.provider();
    const oidc = await openidClient();
    if (purpose === 'sign' && user?.sessionMethod !== 'OIDC') {
      throw new DomainError(ErrorCode.FORBIDDEN, '您以本系统账号密码登录，签章请输入登录密码');
    }
    const flow: OidcFlow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
      purpose,
      sessionId: user?.sessionId ?? null,
      userId: user?.id ?? null,
      returnTo: safeReturnPath(returnTo),
      startedAt: Date.now(),
    };
    const params: Record<string, string> = {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scope,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
    };
    // A signature needs the person at the keyboard now, not a provider session left open.
    if (purpose === 'sign') Object.assign(params, { prompt: 'login', max_age: '0' });
    return { url: oidc.buildAuthorizationUrl(provider, params).href, flow };
  }

  /**
   * The provider's answer at the callback URL: the code exchanged (state, nonce and PKCE
   * checked), the account found, and a session opened (login) or a fresh authentication
   * recorded on the signer's session (sign).
   */
  async complete(flow: OidcFlow, callbackUrl: URL): Promise<OidcOutcome> {
    if (Date.now() - flow.startedAt > FLOW_MINUTES * 60_000) {
      throw new DomainError(ErrorCode.SSO_FAILED, `统一身份认证超过 ${FLOW_MINUTES} 分钟未完成，请重新登录`);
    }
    const error = callbackUrl.searchParams.get('error');
    if (error) {
      this.logger.warn(`the provider refused: ${error}`);
      throw new DomainError(ErrorCode.SSO_FAILED, error === 'access_denied' ? '统一身份认证被取消或拒绝' : '统一身份认证服务拒绝了本次登录');
    }
    const provider = await this.provider();
    const oidc = await openidClient();
    let tokens: Awaited<ReturnType<Oidc['authorizationCodeGrant']>>;
    try {
      tokens = await oidc.authorizationCodeGrant(provider, callbackUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      // State, nonce, PKCE, signature, issuer or audience did not match: nothing from this answer is used.
      this.logger.warn(`provider answer refused: ${(err as Error).message}`);
      throw new DomainError(ErrorCode.SSO_FAILED, '统一身份认证的应答未通过校验，请重新登录');
    }
    const claims = tokens.claims();
    if (!claims) throw new DomainError(ErrorCode.SSO_FAILED, '统一身份认证未返回身份令牌');
    const identity = await this.identityOf(provider, claims, tokens.access_token);
    const user = await this.accountFor(identity);

    if (flow.purpose === 'login') {
      if (!user.active) {
        this.logger.warn(`sign-in refused: account ${user.id} is disabled`);
        throw new DomainError(ErrorCode.ACCOUNT_DISABLED, '该账号已停用，请联系财政局管理员');
      }
      const session = await this.auth.openSession(user, 'OIDC');
      this.logger.log(`signed in through the provider: user ${user.id}`);
      return { purpose: 'login', user, token: session.token, expiresAt: session.expiresAt, returnTo: flow.returnTo };
    }

    if (!flow.sessionId || user.id !== flow.userId) {
      this.logger.warn(`re-authentication refused: the provider answered for another account than user ${flow.userId}`);
      throw new DomainError(ErrorCode.FRESH_AUTH_REQUIRED, '重新验证的统一身份认证账号不是当前登录的账号，未签章');
    }
    if (!user.active) throw new DomainError(ErrorCode.ACCOUNT_DISABLED, '该账号已停用');
    const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : null;
    if (authTime === null || authTime * 1000 < flow.startedAt - AUTH_TIME_SKEW_SECONDS * 1000) {
      this.logger.warn(`re-authentication refused: auth_time ${authTime ?? 'missing'} is before the request`);
      throw new DomainError(ErrorCode.FRESH_AUTH_REQUIRED, '统一身份认证没有重新验证您的身份（沿用了之前的登录），未签章，请重试');
    }
    await this.auth.recordFreshAuth(flow.sessionId, new Date());
    this.logger.log(`re-authenticated at the provider for signing: user ${user.id}`);
    return { purpose: 'sign', user, returnTo: flow.returnTo };
  }

  /** The configured claim, from the ID token or else the userinfo endpoint. */
  private async identityOf(provider: Configuration, claims: IDToken, accessToken: string): Promise<string> {
    const name = this.settings.claim;
    let value: unknown = claims[name];
    if (value === undefined && accessToken) {
      try {
        const info = await (await openidClient()).fetchUserInfo(provider, accessToken, claims.sub);
        value = info[name];
      } catch (err) {
        this.logger.warn(`userinfo failed: ${(err as Error).message}`);
      }
    }
    if (typeof value === 'number') value = String(value);
    if (typeof value !== 'string' || !value.trim()) {
      throw new DomainError(ErrorCode.SSO_UNKNOWN_ACCOUNT, `统一身份认证未提供用于识别账号的信息（${name}），请联系管理员检查单点登录设置`);
    }
    return value.trim();
  }

  /** The existing account this identity names; none is ever created. */
  private async accountFor(identity: string): Promise<UserEntity> {
    const where = this.settings.match === 'username' ? { username: identity } : { externalId: identity };
    const user = await this.users.findOne({ where });
    // MySQL compares case-insensitively; the identity must still be the one written on the account.
    if (!user || (this.settings.match === 'username' ? user.username : user.externalId) !== identity) {
      this.logger.warn(`sign-in refused: no account for the ${this.settings.match} the provider named`);
      throw new DomainError(ErrorCode.SSO_UNKNOWN_ACCOUNT, '您的统一身份认证账号尚未关联本系统账号，请联系财政局管理员');
    }
    return user;
  }

  /** The provider's sign-out address when it has one, coming back to the login page. */
  async endSessionUrl(): Promise<string | null> {
    const provider = await this.provider().catch(() => null);
    if (!provider?.serverMetadata().end_session_endpoint) return null;
    return (await openidClient()).buildEndSessionUrl(provider, { client_id: this.settings.clientId, post_logout_redirect_uri: this.settings.postLogoutUrl }).href;
  }

  /** The flow as an opaque cookie value: AES-256-GCM under a key derived from SESSION_SECRET. */
  seal(flow: OidcFlow): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The flow a cookie carries, or null when it is missing, altered or sealed under another secret. */
  unseal(value: string | undefined): OidcFlow | null {
    if (!value) return null;
    try {
      const raw = Buffer.from(value, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.sealKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      return JSON.parse(text) as OidcFlow;
    } catch {
      return null;
    }
  }
}
