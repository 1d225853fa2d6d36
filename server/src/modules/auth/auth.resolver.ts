import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { Allow, CurrentUser, PasswordChangeExempt, Public } from '../../common/access.decorators.js';
import { SESSION_COOKIE } from '../../common/access.guard.js';
import type { RequestContext, RequestUser } from '../../common/request-context.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { AuthService } from './auth.service.js';
import { ChangePasswordInput, LoginInput } from './dto/auth.input.js';
import { LoginResultModel, MeModel, SignInMethod, SignInOptionsModel } from './models/me.model.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Query(() => MeModel, { nullable: true, description: 'The signed-in user, or null.' })
  me(@CurrentUser() user: RequestUser | null): MeModel | null {
    return user && { ...user, sessionMethod: user.sessionMethod as SignInMethod };
  }

  @Public()
  @Query(() => SignInOptionsModel)
  signInOptions(): SignInOptionsModel {
    return { ssoLabel: this.config.oidc?.buttonLabel ?? null };
  }

  @Public()
  @Mutation(() => LoginResultModel)
  async login(@Args('input') input: LoginInput, @Context() ctx: RequestContext): Promise<LoginResultModel> {
    const { token, user, expiresAt } = await this.auth.login(input.username, input.password, ctx.req.ip ?? ctx.req.socket?.remoteAddress ?? 'unknown');
    ctx.res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.cookieSecure,
      expires: expiresAt,
      path: '/',
    });
    return { token, expiresAt, user: { ...user, mustChangePassword: user.mustChangePassword, sessionMethod: SignInMethod.PASSWORD } };
  }

  @Allow()
  @PasswordChangeExempt()
  @Mutation(() => Boolean)
  async logout(@CurrentUser() user: RequestUser, @Context() ctx: RequestContext): Promise<boolean> {
    await this.auth.logout(user.sessionId);
    ctx.res.clearCookie(SESSION_COOKIE, { path: '/' });
    return true;
  }

  @Allow()
  @PasswordChangeExempt()
  @Mutation(() => Boolean)
  async changePassword(@CurrentUser() user: RequestUser, @Args('input') input: ChangePasswordInput): Promise<boolean> {
    await this.auth.changePassword(user.id, user.sessionId, input.currentPassword, input.newPassword);
    return true;
  }
}
