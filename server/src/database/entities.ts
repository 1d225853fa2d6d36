import { BureauEntity } from '../modules/org/bureau.entity.js';
import { UnitEntity } from '../modules/org/unit.entity.js';
import { UserEntity } from '../modules/org/user.entity.js';
import { SessionEntity } from '../modules/auth/session.entity.js';
import { LoginThrottleEntity } from '../modules/auth/login-throttle.entity.js';
import { UserAuditEventEntity } from '../modules/org/user-audit-event.entity.js';
import { CampaignEntity } from '../modules/campaign/campaign.entity.js';
import { PackageEntity } from '../modules/package/package.entity.js';
import { PackageRevisionEntity } from '../modules/package/package-revision.entity.js';
import { PackageSaveEntity } from '../modules/package/package-save.entity.js';
import { PackageViewEntity } from '../modules/package/package-view.entity.js';
import { AuditEventEntity } from '../modules/workflow/audit-event.entity.js';
import { CommentEntity } from '../modules/workflow/comment.entity.js';
import { SignatureEntity } from '../modules/workflow/signature.entity.js';
import { OpinionEntity } from '../modules/workflow/opinion.entity.js';
import { NotificationEntity } from '../modules/notification/notification.entity.js';
import { RenderEntity } from '../modules/render/render.entity.js';
import { PublicationEntity } from '../modules/publication/publication.entity.js';
import { JobEntity } from '../jobs/job.entity.js';
import { AttachmentEntity } from '../modules/attachment/attachment.entity.js';
import { NotificationDeliveryEntity } from '../modules/notification/notification-delivery.entity.js';

export const ENTITIES = [
  BureauEntity,
  UnitEntity,
  UserEntity,
  SessionEntity,
  LoginThrottleEntity,
  UserAuditEventEntity,
  CampaignEntity,
  PackageEntity,
  PackageRevisionEntity,
  PackageSaveEntity,
  PackageViewEntity,
  AuditEventEntity,
  CommentEntity,
  SignatureEntity,
  OpinionEntity,
  NotificationEntity,
  RenderEntity,
  PublicationEntity,
  JobEntity,
  AttachmentEntity,
  NotificationDeliveryEntity,
];
