/**
 * Every GraphQL operation the client sends. Written against /tmp/api-contract.md; codegen
 * (codegen.ts) validates them against server/schema.gql into src/api/generated/.
 */
import { gql, type TypedDocumentNode } from '@urql/core';
import type { PackageDocument, PackageState, WorkflowAction } from '@zipin/shared';
import type {
  AuditEvent,
  BatchResult,
  Bureau,
  Campaign,
  CampaignProgress,
  Comment,
  DiffEntry,
  Me,
  Notification,
  PackageDetail,
  PackageFilter,
  PackagePage,
  PublicPackage,
  Render,
  SignatureVerification,
  UnitRef,
  User,
} from './types.js';

type Doc<D, V extends Record<string, unknown> = Record<string, never>> = TypedDocumentNode<D, V>;

// ---------- fragments ----------
export const USER_REF = gql`
  fragment UserRefFields on UserRef {
    id
    displayName
    role
  }
`;

export const SUMMARY = gql`
  fragment SummaryFields on PackageSummary {
    errorCount
    warningCount
    unexplainedWarningCount
    executionRate
    declaredTotal
    suggestedTotal
    grade
    canSubmit
  }
`;

export const PACKAGE_LIST_ITEM = gql`
  fragment PackageListFields on Package {
    id
    state
    version
    fiscalYear
    unit {
      id
      code
      name
    }
    campaign {
      id
      title
      fiscalYear
      submissionDeadline
      publicationDeadline
    }
    summary {
      ...SummaryFields
    }
    availableActions
    claimedBy {
      ...UserRefFields
    }
    lastEditedAt
    submittedAt
    approvedAt
    publishAt
    publishedAt
    flags
  }
  ${SUMMARY}
  ${USER_REF}
`;

export const COMMENT = gql`
  fragment CommentFields on Comment {
    id
    path
    pathLabelZh
    body
    author {
      ...UserRefFields
    }
    createdAt
    resolvedAt
    resolvedBy {
      ...UserRefFields
    }
    replies {
      id
      path
      pathLabelZh
      body
      author {
        ...UserRefFields
      }
      createdAt
      resolvedAt
    }
  }
  ${USER_REF}
`;

export const PACKAGE_DETAIL = gql`
  fragment PackageDetailFields on Package {
    id
    state
    version
    fiscalYear
    unit {
      id
      code
      name
    }
    campaign {
      id
      fiscalYear
      title
      documentNumber
      template
      submissionDeadline
      publicationDeadline
      timezone
    }
    document
    checks {
      code
      severity
      paths
      messageZh
      messageEn
      key
      explained
    }
    summary {
      ...SummaryFields
    }
    availableActions
    claimedBy {
      ...UserRefFields
    }
    lastEditedBy {
      ...UserRefFields
    }
    lastEditedAt
    submittedAt
    approvedAt
    publishAt
    publishedAt
    signature {
      id
      signerName
      signedAt
      documentHash
      pdfHash
    }
    comments {
      ...CommentFields
    }
    auditTrail {
      id
      action
      fromState
      toState
      reason
      at
      actor {
        ...UserRefFields
      }
      actorRole
    }
    revisions {
      id
      seq
      kind
      packageVersion
      createdAt
      createdBy {
        ...UserRefFields
      }
      documentHash
    }
    returnedRevisionId
    flags
  }
  ${SUMMARY}
  ${USER_REF}
  ${COMMENT}
`;

// ---------- auth ----------
export const ME: Doc<{ me: Me | null }> = gql`
  query Me {
    me {
      id
      username
      displayName
      role
      bureauId
      unitId
    }
  }
`;

export const LOGIN: Doc<{ login: { user: Me; token: string; expiresAt: string } }, { input: { username: string; password: string } }> = gql`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      user {
        id
        username
        displayName
        role
        bureauId
        unitId
      }
      token
      expiresAt
    }
  }
`;

export const LOGOUT: Doc<{ logout: boolean }> = gql`
  mutation Logout {
    logout
  }
`;

export const CHANGE_PASSWORD: Doc<{ changePassword: boolean }, { input: { currentPassword: string; newPassword: string } }> = gql`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`;

// ---------- notifications ----------
export const INBOX: Doc<{ inbox: Notification[]; unreadCount: number }, { unreadOnly?: boolean; first?: number }> = gql`
  query Inbox($unreadOnly: Boolean, $first: Int) {
    inbox(unreadOnly: $unreadOnly, first: $first) {
      id
      kind
      title
      body
      packageId
      createdAt
      readAt
    }
    unreadCount
  }
`;

export const MARK_READ: Doc<{ markNotificationsRead: number }, { ids: string[] | null }> = gql`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`;

// ---------- packages ----------
export const PACKAGES: Doc<{ packages: PackagePage }, { filter?: PackageFilter; first?: number; offset?: number }> = gql`
  query Packages($filter: PackageFilterInput, $first: Int, $offset: Int) {
    packages(filter: $filter, first: $first, offset: $offset) {
      nodes {
        ...PackageListFields
      }
      totalCount
    }
  }
  ${PACKAGE_LIST_ITEM}
`;

export const PACKAGE: Doc<{ package: PackageDetail | null }, { id: string }> = gql`
  query Package($id: ID!) {
    package(id: $id) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const SAVE_PACKAGE: Doc<
  { savePackage: { package: PackageDetail } },
  { input: { packageId: string; baseVersion: number; document: PackageDocument; saveId?: string } }
> = gql`
  mutation SavePackage($input: SavePackageInput!) {
    savePackage(input: $input) {
      package {
        ...PackageDetailFields
      }
    }
  }
  ${PACKAGE_DETAIL}
`;

export const REVISION_DIFF: Doc<{ revisionDiff: DiffEntry[] }, { packageId: string; fromRevisionId: string; toRevisionId?: string | null }> = gql`
  query RevisionDiff($packageId: ID!, $fromRevisionId: ID!, $toRevisionId: ID) {
    revisionDiff(packageId: $packageId, fromRevisionId: $fromRevisionId, toRevisionId: $toRevisionId) {
      path
      before
      after
      labelZh
      labelEn
    }
  }
`;

// ---------- workflow ----------
type Transition = { packageId: string; expectedVersion: number };

export const SUBMIT: Doc<{ submitPackage: PackageDetail }, Transition> = gql`
  mutation SubmitPackage($packageId: ID!, $expectedVersion: Int!) {
    submitPackage(packageId: $packageId, expectedVersion: $expectedVersion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const WITHDRAW: Doc<{ withdrawPackage: PackageDetail }, Transition> = gql`
  mutation WithdrawPackage($packageId: ID!, $expectedVersion: Int!) {
    withdrawPackage(packageId: $packageId, expectedVersion: $expectedVersion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const SIGN: Doc<{ signPackage: PackageDetail }, Transition & { password: string }> = gql`
  mutation SignPackage($packageId: ID!, $expectedVersion: Int!, $password: String!) {
    signPackage(packageId: $packageId, expectedVersion: $expectedVersion, password: $password) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export interface ReturnCommentInput {
  path: string;
  body: string;
}

export const RETURN: Doc<{ returnPackage: PackageDetail }, Transition & { reason: string; comments: ReturnCommentInput[] }> = gql`
  mutation ReturnPackage($packageId: ID!, $expectedVersion: Int!, $reason: String!, $comments: [CommentInput!]) {
    returnPackage(packageId: $packageId, expectedVersion: $expectedVersion, reason: $reason, comments: $comments) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const CLAIM: Doc<{ claimPackage: PackageDetail }, Transition> = gql`
  mutation ClaimPackage($packageId: ID!, $expectedVersion: Int!) {
    claimPackage(packageId: $packageId, expectedVersion: $expectedVersion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const RELEASE: Doc<{ releasePackage: PackageDetail }, Transition> = gql`
  mutation ReleasePackage($packageId: ID!, $expectedVersion: Int!) {
    releasePackage(packageId: $packageId, expectedVersion: $expectedVersion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const APPROVE: Doc<{ approvePackage: PackageDetail }, Transition> = gql`
  mutation ApprovePackage($packageId: ID!, $expectedVersion: Int!) {
    approvePackage(packageId: $packageId, expectedVersion: $expectedVersion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const BATCH_APPROVE: Doc<{ batchApprove: BatchResult[] }, { packageIds: string[] }> = gql`
  mutation BatchApprove($packageIds: [ID!]!) {
    batchApprove(packageIds: $packageIds) {
      packageId
      ok
      code
      message
    }
  }
`;

export const ADD_COMMENT: Doc<{ addComment: Comment }, { packageId: string; path: string; body: string }> = gql`
  mutation AddComment($packageId: ID!, $path: String!, $body: String!) {
    addComment(packageId: $packageId, path: $path, body: $body) {
      ...CommentFields
    }
  }
  ${COMMENT}
`;

export const REPLY_COMMENT: Doc<{ replyComment: Comment }, { commentId: string; body: string }> = gql`
  mutation ReplyComment($commentId: ID!, $body: String!) {
    replyComment(commentId: $commentId, body: $body) {
      ...CommentFields
    }
  }
  ${COMMENT}
`;

export const RESOLVE_COMMENT: Doc<{ resolveComment: Comment }, { commentId: string }> = gql`
  mutation ResolveComment($commentId: ID!) {
    resolveComment(commentId: $commentId) {
      ...CommentFields
    }
  }
  ${COMMENT}
`;

// ---------- rendering and publication ----------
const RENDER_FIELDS = gql`
  fragment RenderFields on Render {
    id
    purpose
    status
    progress
    error
    downloadUrl
  }
`;

export const REQUEST_PREVIEW: Doc<{ requestPreview: Render }, { packageId: string }> = gql`
  mutation RequestPreview($packageId: ID!) {
    requestPreview(packageId: $packageId) {
      ...RenderFields
    }
  }
  ${RENDER_FIELDS}
`;

export const RENDER: Doc<{ render: Render | null }, { id: string }> = gql`
  query Render($id: ID!) {
    render(id: $id) {
      ...RenderFields
    }
  }
  ${RENDER_FIELDS}
`;

export const SCHEDULE: Doc<{ schedulePublication: PackageDetail }, Transition & { publishAt?: string | null }> = gql`
  mutation SchedulePublication($packageId: ID!, $expectedVersion: Int!, $publishAt: DateTime) {
    schedulePublication(packageId: $packageId, expectedVersion: $expectedVersion, publishAt: $publishAt) {
      ...PackageListFields
    }
  }
  ${PACKAGE_LIST_ITEM}
`;

export const RESCHEDULE: Doc<{ reschedulePublication: PackageDetail }, Transition & { publishAt: string }> = gql`
  mutation ReschedulePublication($packageId: ID!, $expectedVersion: Int!, $publishAt: DateTime!) {
    reschedulePublication(packageId: $packageId, expectedVersion: $expectedVersion, publishAt: $publishAt) {
      ...PackageListFields
    }
  }
  ${PACKAGE_LIST_ITEM}
`;

export const UNSCHEDULE: Doc<{ unschedulePublication: PackageDetail }, Transition> = gql`
  mutation UnschedulePublication($packageId: ID!, $expectedVersion: Int!) {
    unschedulePublication(packageId: $packageId, expectedVersion: $expectedVersion) {
      ...PackageListFields
    }
  }
  ${PACKAGE_LIST_ITEM}
`;

export const RETRACT: Doc<{ retractPublication: PackageDetail }, Transition & { reason: string }> = gql`
  mutation RetractPublication($packageId: ID!, $expectedVersion: Int!, $reason: String!) {
    retractPublication(packageId: $packageId, expectedVersion: $expectedVersion, reason: $reason) {
      ...PackageListFields
    }
  }
  ${PACKAGE_LIST_ITEM}
`;

// ---------- public portal ----------
const PUBLIC_FIELDS = gql`
  fragment PublicPackageFields on PublicPackage {
    publicationId
    packageId
    unitName
    fiscalYear
    bureauName
    publishedAt
    retractedAt
    retractReason
    pdfUrl
    htmlUrl
    pdfSha256
    totalScore
    grade
  }
`;

export const PUBLIC_YEARS: Doc<{ publicYears: number[] }> = gql`
  query PublicYears {
    publicYears
  }
`;

export const PUBLIC_PACKAGES: Doc<
  { publicPackages: { nodes: PublicPackage[]; totalCount: number } },
  { fiscalYear?: number | null; search?: string | null; first?: number; offset?: number }
> = gql`
  query PublicPackages($fiscalYear: Int, $search: String, $first: Int, $offset: Int) {
    publicPackages(fiscalYear: $fiscalYear, search: $search, first: $first, offset: $offset) {
      nodes {
        ...PublicPackageFields
      }
      totalCount
    }
  }
  ${PUBLIC_FIELDS}
`;

export const PUBLIC_PACKAGE: Doc<{ publicPackage: PublicPackage | null }, { publicationId: string }> = gql`
  query PublicPackage($publicationId: ID!) {
    publicPackage(publicationId: $publicationId) {
      ...PublicPackageFields
    }
  }
  ${PUBLIC_FIELDS}
`;

export const VERIFY_SIGNATURE: Doc<{ verifySignature: SignatureVerification }, { hash: string }> = gql`
  query VerifySignature($hash: String!) {
    verifySignature(hash: $hash) {
      valid
      kind
      unitName
      fiscalYear
      signerName
      signedAt
      publishedAt
      retractedAt
    }
  }
`;

// ---------- organisation and campaigns (bureau) ----------
export const MY_BUREAU: Doc<{ myBureau: Bureau | null }> = gql`
  query MyBureau {
    myBureau {
      id
      code
      name
      region
      portalName
    }
  }
`;

export const UNITS: Doc<{ units: UnitRef[] }, { includeInactive?: boolean }> = gql`
  query Units($includeInactive: Boolean) {
    units(includeInactive: $includeInactive) {
      id
      code
      name
      category
      active
    }
  }
`;

export const USERS: Doc<{ users: User[] }, { unitId?: string | null }> = gql`
  query Users($unitId: ID) {
    users(unitId: $unitId) {
      id
      username
      displayName
      role
      unit {
        id
        code
        name
      }
      active
      phone
    }
  }
`;

export const CREATE_UNIT: Doc<{ createUnit: UnitRef }, { input: { code: string; name: string; category: string } }> = gql`
  mutation CreateUnit($input: CreateUnitInput!) {
    createUnit(input: $input) {
      id
      code
      name
      category
      active
    }
  }
`;

export const SET_UNIT_ACTIVE: Doc<{ setUnitActive: UnitRef }, { id: string; active: boolean }> = gql`
  mutation SetUnitActive($id: ID!, $active: Boolean!) {
    setUnitActive(id: $id, active: $active) {
      id
      active
    }
  }
`;

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  role: string;
  unitId: string | null;
  phone: string | null;
}

export const CREATE_USER: Doc<{ createUser: User }, { input: CreateUserInput }> = gql`
  mutation CreateUser($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      username
      displayName
      role
      active
      phone
      unit {
        id
        code
        name
      }
    }
  }
`;

export const SET_USER_ACTIVE: Doc<{ setUserActive: User }, { id: string; active: boolean }> = gql`
  mutation SetUserActive($id: ID!, $active: Boolean!) {
    setUserActive(id: $id, active: $active) {
      id
      active
    }
  }
`;

export const RESET_USER_PASSWORD: Doc<{ resetUserPassword: boolean }, { id: string; newPassword: string }> = gql`
  mutation ResetUserPassword($id: ID!, $newPassword: String!) {
    resetUserPassword(id: $id, newPassword: $newPassword)
  }
`;

const CAMPAIGN_FIELDS = gql`
  fragment CampaignFields on Campaign {
    id
    fiscalYear
    title
    documentNumber
    template
    submissionDeadline
    publicationDeadline
    timezone
    openedAt
    packageCount
  }
`;

export const CAMPAIGNS: Doc<{ campaigns: Campaign[] }> = gql`
  query Campaigns {
    campaigns {
      ...CampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`;

export interface CampaignInput {
  fiscalYear: number;
  title: string;
  documentNumber: string;
  template: unknown;
  submissionDeadline: string;
  publicationDeadline: string;
  timezone: string;
}

export const CREATE_CAMPAIGN: Doc<{ createCampaign: Campaign }, { input: CampaignInput }> = gql`
  mutation CreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      ...CampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`;

export const UPDATE_CAMPAIGN: Doc<{ updateCampaign: Campaign }, { id: string; input: Partial<CampaignInput> }> = gql`
  mutation UpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {
    updateCampaign(id: $id, input: $input) {
      ...CampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`;

export const OPEN_CAMPAIGN: Doc<{ openCampaign: Campaign }, { id: string }> = gql`
  mutation OpenCampaign($id: ID!) {
    openCampaign(id: $id) {
      ...CampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`;

export const CAMPAIGN_PROGRESS: Doc<{ campaignProgress: CampaignProgress }, { campaignId: string }> = gql`
  query CampaignProgress($campaignId: ID!) {
    campaignProgress(campaignId: $campaignId) {
      byState {
        state
        count
      }
      overdueUnits {
        id
        code
        name
      }
      gradeDistribution {
        grade
        count
      }
      scoreHistogram {
        bucket
        count
      }
      warnings {
        packageId
        unitName
        flags
      }
    }
  }
`;

export type { AuditEvent, PackageState, WorkflowAction };
