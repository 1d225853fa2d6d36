import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { graphqlHandlers, restRoutes } from './route-catalogue.js';

/**
 * Start-up refuses to serve while any query, mutation, field resolver or REST route lacks an
 * access declaration (@Allow or @Public). The guard already refuses such a handler at run time;
 * this makes the omission fail the boot (and every test run) instead of waiting for a caller.
 */
@Injectable()
export class AccessDeclarationCheck implements OnApplicationBootstrap {
  constructor(private readonly moduleRef: ModuleRef) {}

  onApplicationBootstrap(): void {
    const undeclared = [
      ...restRoutes(this.moduleRef).filter((r) => !r.access).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`),
      ...graphqlHandlers(this.moduleRef).filter((h) => !h.access).map((h) => `${h.kind} ${h.name} (${h.resolver}.${h.handler})`),
    ];
    if (undeclared.length) throw new Error(`No access declaration (@Allow or @Public) on:\n  ${undeclared.join('\n  ')}`);
  }
}
