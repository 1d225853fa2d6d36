import { Global, Module } from '@nestjs/common';
import { OrgResolver } from './org.resolver.js';
import { OrgService } from './org.service.js';

@Global()
@Module({ providers: [OrgService, OrgResolver], exports: [OrgService] })
export class OrgModule {}
