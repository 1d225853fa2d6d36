/**
 * Shapes of the GraphQL results the client reads, derived from the types codegen generates
 * from server/schema.gql and src/api/operations.ts (src/api/generated). Only JSON scalars are
 * narrowed here: the schema types them as `JSON`, the domain types live in @zipin/shared.
 */
import type { PackageDocument } from '@zipin/shared';
import type * as G from './generated/graphql.js';

export type { PackageState, Role, WorkflowAction, RenderStatus, RenderPurpose } from './generated/graphql.js';

export type Me = NonNullable<G.MeQuery['me']>;
export type UserRef = G.UserRefFieldsFragment;
export type UnitRef = Pick<G.UnitsQuery['units'][number], 'id' | 'code' | 'name'> & Partial<Pick<G.UnitsQuery['units'][number], 'category' | 'active'>>;
export type Campaign = G.CampaignFieldsFragment;
export type PackageSummary = G.SummaryFieldsFragment;
export type Comment = G.CommentFieldsFragment;
export type CommentReply = Comment['replies'][number];

type Detail = G.PackageDetailFieldsFragment;
export type AuditEvent = Detail['auditTrail'][number];
export type Revision = Detail['revisions'][number];
export type Signature = NonNullable<Detail['signature']>;

/** A package row in lists (no document). */
export type PackageListItem = G.PackageListFieldsFragment;

/** The whole package as the workspaces read it; JSON fields narrowed to the domain types. */
export type PackageDetail = Omit<Detail, 'document'> & {
  document: PackageDocument;
};

/** What an autosave answers: the version it made, and what changed (null: as the client has it). */
export type SaveAnswer = Omit<G.SaveResultFieldsFragment, 'document'> & {
  /** The document as stored when it differs from the one sent. */
  document: PackageDocument | null;
};

export type PackagePage = Omit<G.PackagesQuery['packages'], 'nodes'> & { nodes: PackageListItem[] };
export type PackageFilter = G.PackageFilterInput;
export type PackageSort = G.PackageSortInput;
export type PackageSortField = G.PackageSortField;
export type PackageCounts = G.PackagesQuery['packages']['counts'];
export type DiffEntry = G.RevisionDiffQuery['revisionDiff'][number];
export type BatchResult = G.BatchApproveMutation['batchApprove'][number];
export type Notification = G.InboxQuery['inbox'][number];
export type Render = G.RenderFieldsFragment;
export type Bureau = NonNullable<G.MyBureauQuery['myBureau']>;
export type User = G.UsersQuery['users'][number];
export type CampaignProgress = G.CampaignProgressQuery['campaignProgress'];

