import { Global, Module } from '@nestjs/common';
import { OrgService } from './org.service.js';

@Global()
@Module({ providers: [OrgService], exports: [OrgService] })
export class OrgModule {}
