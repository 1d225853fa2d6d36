import { Global, Module } from '@nestjs/common';
import { SessionLookup } from '../../common/access.guard.js';
import { AuthResolver } from './auth.resolver.js';
import { AuthService } from './auth.service.js';
import { PasswordService } from './password.service.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { OidcController } from './oidc.controller.js';
import { OidcService } from './oidc.service.js';

@Global()
@Module({
  controllers: [OidcController],
  providers: [AuthService, PasswordService, LoginThrottleService, OidcService, AuthResolver, { provide: SessionLookup, useExisting: AuthService }],
  exports: [AuthService, PasswordService, LoginThrottleService, SessionLookup],
})
export class AuthModule {}
