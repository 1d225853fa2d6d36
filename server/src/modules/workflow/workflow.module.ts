import { Module } from '@nestjs/common';
import { PackageModule } from '../package/package.module.js';
import { CommentService } from './comment.service.js';
import { SignatureService } from './signature.service.js';
import { WorkflowActionsService } from './workflow-actions.service.js';
import { AuditEventResolver, CommentResolver, WorkflowResolver } from './workflow.resolver.js';
import { WorkflowService } from './workflow.service.js';

@Module({
  imports: [PackageModule],
  providers: [WorkflowService, WorkflowActionsService, CommentService, SignatureService, WorkflowResolver, CommentResolver, AuditEventResolver],
  exports: [WorkflowService, WorkflowActionsService, CommentService],
})
export class WorkflowModule {}
