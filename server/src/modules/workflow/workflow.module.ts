import { Module } from '@nestjs/common';
import { PackageModule } from '../package/package.module.js';
import { CommentService } from './comment.service.js';
import { SignatureService } from './signature.service.js';
import { WorkflowActionsService } from './workflow-actions.service.js';
import { AuditEventResolver, CommentResolver, WorkflowResolver } from './workflow.resolver.js';
import { WorkflowService } from './workflow.service.js';
import { AssignmentService } from './assignment.service.js';
import { OpinionService } from './opinion.service.js';
import { OpinionResolver, ReviewResolver } from './review.resolver.js';

@Module({
  imports: [PackageModule],
  providers: [
    WorkflowService,
    WorkflowActionsService,
    CommentService,
    SignatureService,
    OpinionService,
    AssignmentService,
    WorkflowResolver,
    CommentResolver,
    AuditEventResolver,
    ReviewResolver,
    OpinionResolver,
  ],
  exports: [WorkflowService, WorkflowActionsService, CommentService, OpinionService],
})
export class WorkflowModule {}
