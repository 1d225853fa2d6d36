/**
 * Every GraphQL operation the client sends. Written against /tmp/api-contract.md; codegen
 * (codegen.ts) validates them against server/schema.gql into src/api/generated/.
 */
import { gql, type TypedDocumentNode } from '@urql/core';
import type * as G from './generated/graphql.js';

/** Each operation typed by its generated result and variables (codegen reads this file). */
type Doc<D, V extends Record<string, unknown>> = TypedDocumentNode<D, V>;

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
    stage
    assignee {
      ...UserRefFields
    }
    supervisorAssignee {
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

/**
 * An open package. No `checks`: every view runs the same shared rules on the document and
 * template it holds (the package store), so the server's list would only travel to be ignored.
 */
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
      signedWith
      opinion
      toUser {
        ...UserRefFields
      }
      fromUser {
        ...UserRefFields
      }
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
    unchanged
    flags
    stage
    assignee {
      ...UserRefFields
    }
    supervisorUnit {
      id
      name
    }
    opinions {
      id
      kind
      opinion
      signerName
      signerUnitName
      signedAt
    }
  }
  ${SUMMARY}
  ${USER_REF}
  ${COMMENT}
`;

// ---------- auth ----------
export const ME: Doc<G.MeQuery, G.MeQueryVariables> = gql`
  query Me {
    me {
      id
      username
      displayName
      role
      bureauId
      unitId
      mustChangePassword
      sessionMethod
    }
  }
`;

export const SIGN_IN_OPTIONS: Doc<G.SignInOptionsQuery, G.SignInOptionsQueryVariables> = gql`
  query SignInOptions {
    signInOptions {
      ssoLabel
    }
  }
`;

export const LOGIN: Doc<G.LoginMutation, G.LoginMutationVariables> = gql`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      user {
        id
        username
        displayName
        role
        bureauId
        unitId
        mustChangePassword
        sessionMethod
      }
      token
      expiresAt
    }
  }
`;

export const LOGOUT: Doc<G.LogoutMutation, G.LogoutMutationVariables> = gql`
  mutation Logout {
    logout
  }
`;

export const CHANGE_PASSWORD: Doc<G.ChangePasswordMutation, G.ChangePasswordMutationVariables> = gql`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`;

// ---------- notifications ----------
export const INBOX: Doc<G.InboxQuery, G.InboxQueryVariables> = gql`
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

export const MARK_READ: Doc<G.MarkNotificationsReadMutation, G.MarkNotificationsReadMutationVariables> = gql`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`;

// ---------- packages ----------
export const PACKAGES: Doc<G.PackagesQuery, G.PackagesQueryVariables> = gql`
  query Packages($filter: PackageFilterInput, $first: Int, $offset: Int, $sort: PackageSortInput) {
    packages(filter: $filter, first: $first, offset: $offset, sort: $sort) {
      nodes {
        ...PackageListFields
      }
      totalCount
      counts {
        overdue
        withWarnings
        states {
          state
          count
        }
        grades {
          grade
          count
        }
        assignees {
          assigneeId
          count
          assignee {
            ...UserRefFields
          }
        }
        supervisors {
          supervisorUnitId
          count
          supervisorUnit {
            id
            code
            name
          }
        }
      }
    }
  }
  ${PACKAGE_LIST_ITEM}
`;

export const OPINION_PHRASES: Doc<G.OpinionPhrasesQuery, G.OpinionPhrasesQueryVariables> = gql`
  query OpinionPhrases {
    opinionPhrases
  }
`;

export const STAGE_REVIEWERS: Doc<G.StageReviewersQuery, G.StageReviewersQueryVariables> = gql`
  query StageReviewers($stage: ReviewStage!, $supervisorUnitId: ID) {
    stageReviewers(stage: $stage, supervisorUnitId: $supervisorUnitId) {
      ...UserRefFields
    }
  }
  ${USER_REF}
`;

export const WAITING_FOR_ME: Doc<G.WaitingForMeQuery, G.WaitingForMeQueryVariables> = gql`
  query WaitingForMe {
    waitingForMeCount
  }
`;

/** The publication desk's extra columns: where each package's PDF to be published stands, and a held schedule. */
export const PUBLICATION_STATES: Doc<G.PublicationStatesQuery, G.PublicationStatesQueryVariables> = gql`
  query PublicationStates($filter: PackageFilterInput, $first: Int, $offset: Int) {
    packages(filter: $filter, first: $first, offset: $offset) {
      nodes {
        id
        publicationPdf {
          status
          renderId
          error
        }
        publicationHold {
          heldAt
          tries
          reason
        }
      }
    }
  }
`;

export const PACKAGE: Doc<G.PackageQuery, G.PackageQueryVariables> = gql`
  query Package($id: ID!, $knownVersion: Int) {
    package(id: $id, knownVersion: $knownVersion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

/** An autosave asks only for what a save changes: the rest of the package is what it already holds, and the checks are the client's own. */
export const SAVE_RESULT = gql`
  fragment SaveResultFields on SaveResult {
    version
    lastEditedAt
    summary {
      ...SummaryFields
    }
    document
  }
  ${SUMMARY}
`;

export const SAVE_PACKAGE: Doc<G.SavePackageMutation, G.SavePackageMutationVariables> = gql`
  mutation SavePackage($input: SavePackageInput!) {
    savePackage(input: $input) {
      ...SaveResultFields
    }
  }
  ${SAVE_RESULT}
`;

export const REVISION_DIFF: Doc<G.RevisionDiffQuery, G.RevisionDiffQueryVariables> = gql`
  query RevisionDiff($packageId: ID!, $fromRevisionId: ID!, $toRevisionId: ID) {
    revisionDiff(packageId: $packageId, fromRevisionId: $fromRevisionId, toRevisionId: $toRevisionId) {
      path
      kind
      before
      after
      labelZh
      labelEn
    }
  }
`;

// ---------- workflow ----------

export const SUBMIT: Doc<G.SubmitPackageMutation, G.SubmitPackageMutationVariables> = gql`
  mutation SubmitPackage($packageId: ID!, $expectedVersion: Int!) {
    submitPackage(packageId: $packageId, expectedVersion: $expectedVersion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const WITHDRAW: Doc<G.WithdrawPackageMutation, G.WithdrawPackageMutationVariables> = gql`
  mutation WithdrawPackage($packageId: ID!, $expectedVersion: Int!) {
    withdrawPackage(packageId: $packageId, expectedVersion: $expectedVersion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const SIGN: Doc<G.SignPackageMutation, G.SignPackageMutationVariables> = gql`
  mutation SignPackage($packageId: ID!, $expectedVersion: Int!, $password: String!, $opinion: String) {
    signPackage(packageId: $packageId, expectedVersion: $expectedVersion, password: $password, opinion: $opinion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export type ReturnCommentInput = G.CommentInput;

export const RETURN: Doc<G.ReturnPackageMutation, G.ReturnPackageMutationVariables> = gql`
  mutation ReturnPackage($packageId: ID!, $expectedVersion: Int!, $reason: String!, $comments: [CommentInput!]) {
    returnPackage(packageId: $packageId, expectedVersion: $expectedVersion, reason: $reason, comments: $comments) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const CLAIM: Doc<G.ClaimPackageMutation, G.ClaimPackageMutationVariables> = gql`
  mutation ClaimPackage($packageId: ID!, $expectedVersion: Int!) {
    claimPackage(packageId: $packageId, expectedVersion: $expectedVersion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const RELEASE: Doc<G.ReleasePackageMutation, G.ReleasePackageMutationVariables> = gql`
  mutation ReleasePackage($packageId: ID!, $expectedVersion: Int!) {
    releasePackage(packageId: $packageId, expectedVersion: $expectedVersion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const APPROVE: Doc<G.ApprovePackageMutation, G.ApprovePackageMutationVariables> = gql`
  mutation ApprovePackage($packageId: ID!, $expectedVersion: Int!, $opinion: String) {
    approvePackage(packageId: $packageId, expectedVersion: $expectedVersion, opinion: $opinion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const CONCUR: Doc<G.ConcurPackageMutation, G.ConcurPackageMutationVariables> = gql`
  mutation ConcurPackage($packageId: ID!, $expectedVersion: Int!, $opinion: String) {
    concurPackage(packageId: $packageId, expectedVersion: $expectedVersion, opinion: $opinion) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const TRANSFER: Doc<G.TransferPackageMutation, G.TransferPackageMutationVariables> = gql`
  mutation TransferPackage($packageId: ID!, $expectedVersion: Int!, $toUserId: ID!, $reason: String!) {
    transferPackage(packageId: $packageId, expectedVersion: $expectedVersion, toUserId: $toUserId, reason: $reason) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const REASSIGN: Doc<G.ReassignPackageMutation, G.ReassignPackageMutationVariables> = gql`
  mutation ReassignPackage($packageId: ID!, $expectedVersion: Int!, $toUserId: ID!, $reason: String) {
    reassignPackage(packageId: $packageId, expectedVersion: $expectedVersion, toUserId: $toUserId, reason: $reason) {
      ...PackageDetailFields
    }
  }
  ${PACKAGE_DETAIL}
`;

export const BATCH_APPROVE: Doc<G.BatchApproveMutation, G.BatchApproveMutationVariables> = gql`
  mutation BatchApprove($packageIds: [ID!]!) {
    batchApprove(packageIds: $packageIds) {
      packageId
      ok
      code
      message
    }
  }
`;

export const ADD_COMMENT: Doc<G.AddCommentMutation, G.AddCommentMutationVariables> = gql`
  mutation AddComment($packageId: ID!, $path: String!, $body: String!) {
    addComment(packageId: $packageId, path: $path, body: $body) {
      ...CommentFields
    }
  }
  ${COMMENT}
`;

export const REPLY_COMMENT: Doc<G.ReplyCommentMutation, G.ReplyCommentMutationVariables> = gql`
  mutation ReplyComment($commentId: ID!, $body: String!) {
    replyComment(commentId: $commentId, body: $body) {
      ...CommentFields
    }
  }
  ${COMMENT}
`;

export const RESOLVE_COMMENT: Doc<G.ResolveCommentMutation, G.ResolveCommentMutationVariables> = gql`
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

export const REQUEST_PREVIEW: Doc<G.RequestPreviewMutation, G.RequestPreviewMutationVariables> = gql`
  mutation RequestPreview($packageId: ID!) {
    requestPreview(packageId: $packageId) {
      ...RenderFields
    }
  }
  ${RENDER_FIELDS}
`;

export const RECORD_PACKAGE_VIEW: Doc<G.RecordPackageViewMutation, G.RecordPackageViewMutationVariables> = gql`
  mutation RecordPackageView($packageId: ID!) {
    recordPackageView(packageId: $packageId) {
      previous {
        revisionId
        packageVersion
        viewedAt
      }
      current {
        revisionId
        packageVersion
        viewedAt
      }
    }
  }
`;

export const RENDER: Doc<G.RenderQuery, G.RenderQueryVariables> = gql`
  query Render($id: ID!) {
    render(id: $id) {
      ...RenderFields
    }
  }
  ${RENDER_FIELDS}
`;

export const SCHEDULE: Doc<G.SchedulePublicationMutation, G.SchedulePublicationMutationVariables> = gql`
  mutation SchedulePublication($packageId: ID!, $expectedVersion: Int!, $publishAt: DateTime) {
    schedulePublication(packageId: $packageId, expectedVersion: $expectedVersion, publishAt: $publishAt) {
      ...PackageListFields
    }
  }
  ${PACKAGE_LIST_ITEM}
`;

export const SCHEDULE_MANY: Doc<G.SchedulePublicationsMutation, G.SchedulePublicationsMutationVariables> = gql`
  mutation SchedulePublications($items: [PackageVersionInput!]!, $publishAt: DateTime) {
    schedulePublications(items: $items, publishAt: $publishAt) {
      packageId
      ok
      code
      message
    }
  }
`;

export const PUBLISH_NOW: Doc<G.PublishNowMutation, G.PublishNowMutationVariables> = gql`
  mutation PublishNow($packageId: ID!, $expectedVersion: Int!) {
    publishNow(packageId: $packageId, expectedVersion: $expectedVersion) {
      id
      state
      version
      publishAt
    }
  }
`;

export const RESCHEDULE: Doc<G.ReschedulePublicationMutation, G.ReschedulePublicationMutationVariables> = gql`
  mutation ReschedulePublication($packageId: ID!, $expectedVersion: Int!, $publishAt: DateTime!) {
    reschedulePublication(packageId: $packageId, expectedVersion: $expectedVersion, publishAt: $publishAt) {
      ...PackageListFields
    }
  }
  ${PACKAGE_LIST_ITEM}
`;

export const UNSCHEDULE: Doc<G.UnschedulePublicationMutation, G.UnschedulePublicationMutationVariables> = gql`
  mutation UnschedulePublication($packageId: ID!, $expectedVersion: Int!) {
    unschedulePublication(packageId: $packageId, expectedVersion: $expectedVersion) {
      ...PackageListFields
    }
  }
  ${PACKAGE_LIST_ITEM}
`;

export const RETRACT: Doc<G.RetractPublicationMutation, G.RetractPublicationMutationVariables> = gql`
  mutation RetractPublication($packageId: ID!, $expectedVersion: Int!, $reason: String!) {
    retractPublication(packageId: $packageId, expectedVersion: $expectedVersion, reason: $reason) {
      ...PackageListFields
    }
  }
  ${PACKAGE_LIST_ITEM}
`;

// ---------- organisation and campaigns (bureau) ----------
export const MY_BUREAU: Doc<G.MyBureauQuery, G.MyBureauQueryVariables> = gql`
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

export const UNITS: Doc<G.UnitsQuery, G.UnitsQueryVariables> = gql`
  query Units($includeInactive: Boolean) {
    units(includeInactive: $includeInactive) {
      id
      code
      name
      category
      active
      supervisorUnitId
      reviewerId
      supervisorReviewerId
    }
  }
`;

export const USERS: Doc<G.UsersQuery, G.UsersQueryVariables> = gql`
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
      email
      externalId
    }
  }
`;

export const CREATE_UNIT: Doc<G.CreateUnitMutation, G.CreateUnitMutationVariables> = gql`
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

export const SET_UNIT_ACTIVE: Doc<G.SetUnitActiveMutation, G.SetUnitActiveMutationVariables> = gql`
  mutation SetUnitActive($id: ID!, $active: Boolean!) {
    setUnitActive(id: $id, active: $active) {
      id
      active
    }
  }
`;

export type CreateUserInput = G.CreateUserInput;

export const CREATE_USER: Doc<G.CreateUserMutation, G.CreateUserMutationVariables> = gql`
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

export const SET_USER_ACTIVE: Doc<G.SetUserActiveMutation, G.SetUserActiveMutationVariables> = gql`
  mutation SetUserActive($id: ID!, $active: Boolean!) {
    setUserActive(id: $id, active: $active) {
      id
      active
    }
  }
`;

export const RESET_USER_PASSWORD: Doc<G.ResetUserPasswordMutation, G.ResetUserPasswordMutationVariables> = gql`
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

export const CAMPAIGNS: Doc<G.CampaignsQuery, G.CampaignsQueryVariables> = gql`
  query Campaigns {
    campaigns {
      ...CampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`;

export type CampaignInput = G.CreateCampaignInput;

export const CREATE_CAMPAIGN: Doc<G.CreateCampaignMutation, G.CreateCampaignMutationVariables> = gql`
  mutation CreateCampaign($input: CreateCampaignInput!) {
    createCampaign(input: $input) {
      ...CampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`;

export const UPDATE_CAMPAIGN: Doc<G.UpdateCampaignMutation, G.UpdateCampaignMutationVariables> = gql`
  mutation UpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {
    updateCampaign(id: $id, input: $input) {
      ...CampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`;

export type CampaignRulesInput = G.CampaignRulesInput;
export type UpdateCampaignInput = G.UpdateCampaignInput;

/** Weights and scoring rules of a draft campaign (refused once it is opened). */
export const UPDATE_CAMPAIGN_RULES: Doc<G.UpdateCampaignRulesMutation, G.UpdateCampaignRulesMutationVariables> = gql`
  mutation UpdateCampaignRules($id: ID!, $input: CampaignRulesInput!) {
    updateCampaignRules(id: $id, input: $input) {
      ...CampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`;

export const OPEN_CAMPAIGN: Doc<G.OpenCampaignMutation, G.OpenCampaignMutationVariables> = gql`
  mutation OpenCampaign($id: ID!) {
    openCampaign(id: $id) {
      ...CampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`;

export const UPDATE_USER: Doc<G.UpdateUserMutation, G.UpdateUserMutationVariables> = gql`
  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      id
      displayName
      phone
      email
      externalId
    }
  }
`;

export const NOTIFICATION_DELIVERIES: Doc<G.NotificationDeliveriesQuery, G.NotificationDeliveriesQueryVariables> = gql`
  query NotificationDeliveries($status: String, $first: Int, $offset: Int) {
    notificationDeliveries(status: $status, first: $first, offset: $offset) {
      totalCount
      nodes {
        id
        channel
        recipient
        subject
        status
        attempts
        lastError
        sentAt
        createdAt
      }
    }
  }
`;

export const CAMPAIGN_PROGRESS: Doc<G.CampaignProgressQuery, G.CampaignProgressQueryVariables> = gql`
  query CampaignProgress($campaignId: ID!, $warningsFirst: Int, $warningsOffset: Int) {
    campaignProgress(campaignId: $campaignId, warningsFirst: $warningsFirst, warningsOffset: $warningsOffset) {
      headline {
        units
        handedIn
        overdue
        approved
        published
        averageScore
        withErrors
        withWarnings
      }
      byState {
        state
        count
      }
      overdue {
        packageId
        unitId
        unitCode
        unitName
        state
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
        unitCode
        state
        level
        errorCount
        warningCount
        flags
        overdue
      }
      warningTotal
      bySupervisor {
        supervisorUnitId
        supervisorCode
        supervisorName
        units
        withUnit
        withSupervisor
        handedIn
        approved
        overdue
      }
    }
  }
`;

export const REMIND_UNIT: Doc<G.RemindUnitMutation, G.RemindUnitMutationVariables> = gql`
  mutation RemindUnit($packageId: ID!, $message: String) {
    remindUnit(packageId: $packageId, message: $message) {
      packageId
      unitName
      recipients
    }
  }
`;

export const REMIND_OVERDUE: Doc<G.RemindOverdueMutation, G.RemindOverdueMutationVariables> = gql`
  mutation RemindOverdue($campaignId: ID!, $message: String) {
    remindOverdue(campaignId: $campaignId, message: $message) {
      reminded
      skipped
      results {
        packageId
        unitName
        recipients
      }
    }
  }
`;


// ---------- assignment in advance (预先分配) ----------
export const REVIEWER_WORKLOAD: Doc<G.ReviewerWorkloadQuery, G.ReviewerWorkloadQueryVariables> = gql`
  query ReviewerWorkload {
    reviewerWorkload {
      userId
      displayName
      username
      active
      stage
      supervisorUnitId
      units
      packages
      inReview
    }
  }
`;

export const ASSIGNMENT_PACKAGES: Doc<G.AssignmentPackagesQuery, G.AssignmentPackagesQueryVariables> = gql`
  query AssignmentPackages($filter: PackageFilterInput, $first: Int, $offset: Int) {
    packages(filter: $filter, first: $first, offset: $offset, sort: { field: UNIT_CODE, direction: ASC }) {
      nodes {
        id
        state
        unit {
          id
          code
          name
        }
        supervisorUnit {
          id
          name
        }
        assignee {
          ...UserRefFields
        }
        supervisorAssignee {
          ...UserRefFields
        }
        claimedBy {
          ...UserRefFields
        }
      }
      totalCount
    }
  }
  ${USER_REF}
`;

export const ASSIGN_REVIEWER: Doc<G.AssignReviewerMutation, G.AssignReviewerMutationVariables> = gql`
  mutation AssignReviewer($input: AssignReviewerInput!) {
    assignReviewer(input: $input) {
      units
      packages
      skippedPackageIds
    }
  }
`;

export const REASSIGN_REVIEWER_WORK: Doc<G.ReassignReviewerWorkMutation, G.ReassignReviewerWorkMutationVariables> = gql`
  mutation ReassignReviewerWork($input: ReassignWorkInput!) {
    reassignReviewerWork(input: $input) {
      units
      packages
      skippedPackageIds
    }
  }
`;
