/**
 * Shapes of the GraphQL results the client reads (docs: /tmp/api-contract.md). Kept by hand so
 * the client builds before the server's schema exists; codegen (src/api/generated) checks the
 * operations against server/schema.gql once it is committed.
 */
import type { CheckResult, PackageDocument, PackageState, Role, WorkflowAction } from '@zipin/shared';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  bureauId: string | null;
  unitId: string | null;
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  category?: string | null;
  active?: boolean;
}

export interface UserRef {
  id: string;
  displayName: string;
  role: Role;
}

export interface Campaign {
  id: string;
  fiscalYear: number;
  title: string;
  documentNumber: string | null;
  template: unknown;
  submissionDeadline: string;
  publicationDeadline: string;
  timezone?: string | null;
  openedAt?: string | null;
  packageCount?: number | null;
}

export interface PackageSummary {
  errorCount: number;
  warningCount: number;
  unexplainedWarningCount: number;
  executionRate: string | null;
  declaredTotal: string | null;
  suggestedTotal: string | null;
  grade: string | null;
  canSubmit: boolean;
}

export interface Comment {
  id: string;
  path: string;
  pathLabelZh: string | null;
  body: string;
  author: UserRef;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: UserRef | null;
  replies: Comment[];
}

export interface AuditEvent {
  id: string;
  action: string;
  fromState: PackageState | null;
  toState: PackageState | null;
  reason: string | null;
  at: string;
  actor: UserRef | null;
  actorRole: Role | null;
}

export interface Revision {
  id: string;
  seq: number;
  kind: string;
  packageVersion: number;
  createdAt: string;
  createdBy: UserRef | null;
  documentHash: string;
}

export interface Signature {
  id: string;
  signerName: string;
  signedAt: string;
  documentHash: string;
  pdfHash: string | null;
}

/** A package row in lists (no document). */
export interface PackageListItem {
  id: string;
  state: PackageState;
  version: number;
  fiscalYear: number;
  unit: UnitRef;
  campaign: Pick<Campaign, 'id' | 'title' | 'fiscalYear' | 'submissionDeadline' | 'publicationDeadline'>;
  summary: PackageSummary;
  availableActions: WorkflowAction[];
  claimedBy: UserRef | null;
  lastEditedAt: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  publishAt: string | null;
  publishedAt: string | null;
  flags: string[];
}

/** The whole package as the workspaces read it. */
export interface PackageDetail extends Omit<PackageListItem, 'campaign'> {
  campaign: Campaign;
  document: PackageDocument;
  figures?: unknown;
  checks: CheckResult[];
  lastEditedBy: UserRef | null;
  signature: Signature | null;
  comments: Comment[];
  auditTrail: AuditEvent[];
  revisions: Revision[];
  returnedRevisionId: string | null;
}

export interface PackagePage {
  nodes: PackageListItem[];
  totalCount: number;
}

export interface PackageFilter {
  campaignId?: string;
  states?: PackageState[];
  unitId?: string;
  overdue?: boolean;
  grade?: string;
  hasWarnings?: boolean;
  search?: string;
}

export interface DiffEntry {
  path: string;
  before: unknown;
  after: unknown;
  labelZh: string | null;
  labelEn: string | null;
}

export interface BatchResult {
  packageId: string;
  ok: boolean;
  code: string | null;
  message: string | null;
}

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  packageId: string | null;
  createdAt: string;
  readAt: string | null;
}

export type RenderStatus = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
export interface Render {
  id: string;
  purpose: string | null;
  status: RenderStatus;
  progress: number | null;
  error: string | null;
  downloadUrl: string | null;
}

export interface Bureau {
  id: string;
  code: string;
  name: string;
  region: string | null;
  portalName: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  unit: UnitRef | null;
  active: boolean;
  phone: string | null;
}

export interface PublicPackage {
  publicationId: string;
  packageId: string;
  unitName: string;
  fiscalYear: number;
  bureauName: string;
  publishedAt: string;
  retractedAt: string | null;
  retractReason: string | null;
  pdfUrl: string;
  htmlUrl: string;
  pdfSha256: string;
  totalScore: string | null;
  grade: string | null;
}

export interface SignatureVerification {
  valid: boolean;
  kind: 'DOCUMENT' | 'PDF' | null;
  unitName: string | null;
  fiscalYear: number | null;
  signerName: string | null;
  signedAt: string | null;
  publishedAt: string | null;
  retractedAt: string | null;
}

export interface CampaignProgress {
  byState: { state: PackageState; count: number }[];
  overdueUnits: UnitRef[];
  gradeDistribution: { grade: string; count: number }[];
  scoreHistogram: { bucket: string; count: number }[];
  warnings: { packageId: string; unitName: string; flags: string[] }[];
}
