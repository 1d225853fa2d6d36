import { InitialSchema1764100000000 } from './1764100000000-initial-schema.js';
import { PackageSave1764200000000 } from './1764200000000-package-save.js';
import { Attachments1764390000000 } from './1764390000000-attachments.js';
import { PackageSummaryIndex1764480000000 } from './1764480000000-package-summary-index.js';
import { CampaignFormSet1765100000000 } from './1765100000000-campaign-form-set.js';
import { PackageView1765400000000 } from './1765400000000-package-view.js';
import { AccountSecurity1765500000000 } from './1765500000000-account-security.js';
import { NotificationDelivery1765800000000 } from './1765800000000-notification-delivery.js';
import { ReviewStages1766100000001 } from './1766100000001-review-stages.js';
import { PublicationPdf1766300000001 } from './1766300000001-publication-pdf.js';
import { SingleSignOn1766500000001 } from './1766500000001-single-sign-on.js';
import { SupervisorAssignment1766700000001 } from './1766700000001-supervisor-assignment.js';

/** In order; each runs once on both drivers. */
export const MIGRATIONS = [
  InitialSchema1764100000000,
  PackageSave1764200000000,
  Attachments1764390000000,
  PackageSummaryIndex1764480000000,
  CampaignFormSet1765100000000,
  PackageView1765400000000,
  AccountSecurity1765500000000,
  NotificationDelivery1765800000000,
  ReviewStages1766100000001,
  PublicationPdf1766300000001,
  SingleSignOn1766500000001,
  SupervisorAssignment1766700000001,
];
