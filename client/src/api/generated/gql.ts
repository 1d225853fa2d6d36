/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment UserRefFields on UserRef {\n    id\n    displayName\n    role\n  }\n": typeof types.UserRefFieldsFragmentDoc,
    "\n  fragment SummaryFields on PackageSummary {\n    errorCount\n    warningCount\n    unexplainedWarningCount\n    executionRate\n    declaredTotal\n    suggestedTotal\n    grade\n    canSubmit\n  }\n": typeof types.SummaryFieldsFragmentDoc,
    "\n  fragment PackageListFields on Package {\n    id\n    state\n    version\n    fiscalYear\n    unit {\n      id\n      code\n      name\n    }\n    campaign {\n      id\n      title\n      fiscalYear\n      submissionDeadline\n      publicationDeadline\n    }\n    summary {\n      ...SummaryFields\n    }\n    availableActions\n    claimedBy {\n      ...UserRefFields\n    }\n    stage\n    assignee {\n      ...UserRefFields\n    }\n    supervisorAssignee {\n      ...UserRefFields\n    }\n    lastEditedAt\n    submittedAt\n    approvedAt\n    publishAt\n    publishedAt\n    flags\n  }\n  \n  \n": typeof types.PackageListFieldsFragmentDoc,
    "\n  fragment CommentFields on Comment {\n    id\n    path\n    pathLabelZh\n    body\n    author {\n      ...UserRefFields\n    }\n    createdAt\n    resolvedAt\n    resolvedBy {\n      ...UserRefFields\n    }\n    replies {\n      id\n      path\n      pathLabelZh\n      body\n      author {\n        ...UserRefFields\n      }\n      createdAt\n      resolvedAt\n    }\n  }\n  \n": typeof types.CommentFieldsFragmentDoc,
    "\n  fragment PackageDetailFields on Package {\n    id\n    state\n    version\n    fiscalYear\n    unit {\n      id\n      code\n      name\n    }\n    campaign {\n      id\n      fiscalYear\n      title\n      documentNumber\n      template\n      submissionDeadline\n      publicationDeadline\n      timezone\n    }\n    document\n    summary {\n      ...SummaryFields\n    }\n    availableActions\n    claimedBy {\n      ...UserRefFields\n    }\n    lastEditedBy {\n      ...UserRefFields\n    }\n    lastEditedAt\n    submittedAt\n    approvedAt\n    publishAt\n    publishedAt\n    signature {\n      id\n      signerName\n      signedAt\n      documentHash\n      pdfHash\n    }\n    comments {\n      ...CommentFields\n    }\n    auditTrail {\n      id\n      action\n      fromState\n      toState\n      reason\n      at\n      actor {\n        ...UserRefFields\n      }\n      actorRole\n      signedWith\n      opinion\n      toUser {\n        ...UserRefFields\n      }\n      fromUser {\n        ...UserRefFields\n      }\n    }\n    revisions {\n      id\n      seq\n      kind\n      packageVersion\n      createdAt\n      createdBy {\n        ...UserRefFields\n      }\n      documentHash\n    }\n    returnedRevisionId\n    unchanged\n    flags\n    stage\n    assignee {\n      ...UserRefFields\n    }\n    supervisorUnit {\n      id\n      name\n    }\n    opinions {\n      id\n      kind\n      opinion\n      signerName\n      signerUnitName\n      signedAt\n    }\n  }\n  \n  \n  \n": typeof types.PackageDetailFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      role\n      bureauId\n      unitId\n      mustChangePassword\n      sessionMethod\n    }\n  }\n": typeof types.MeDocument,
    "\n  query SignInOptions {\n    signInOptions {\n      ssoLabel\n    }\n  }\n": typeof types.SignInOptionsDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      user {\n        id\n        username\n        displayName\n        role\n        bureauId\n        unitId\n        mustChangePassword\n        sessionMethod\n      }\n      token\n      expiresAt\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": typeof types.LogoutDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query Inbox($unreadOnly: Boolean, $first: Int) {\n    inbox(unreadOnly: $unreadOnly, first: $first) {\n      id\n      kind\n      title\n      body\n      packageId\n      createdAt\n      readAt\n    }\n    unreadCount\n  }\n": typeof types.InboxDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query Packages($filter: PackageFilterInput, $first: Int, $offset: Int, $sort: PackageSortInput) {\n    packages(filter: $filter, first: $first, offset: $offset, sort: $sort) {\n      nodes {\n        ...PackageListFields\n      }\n      totalCount\n      counts {\n        overdue\n        withWarnings\n        states {\n          state\n          count\n        }\n        grades {\n          grade\n          count\n        }\n        assignees {\n          assigneeId\n          count\n          assignee {\n            ...UserRefFields\n          }\n        }\n        supervisors {\n          supervisorUnitId\n          count\n          supervisorUnit {\n            id\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n  \n": typeof types.PackagesDocument,
    "\n  query OpinionPhrases {\n    opinionPhrases\n  }\n": typeof types.OpinionPhrasesDocument,
    "\n  query StageReviewers($stage: ReviewStage!, $supervisorUnitId: ID) {\n    stageReviewers(stage: $stage, supervisorUnitId: $supervisorUnitId) {\n      ...UserRefFields\n    }\n  }\n  \n": typeof types.StageReviewersDocument,
    "\n  query WaitingForMe {\n    waitingForMeCount\n  }\n": typeof types.WaitingForMeDocument,
    "\n  query PublicationStates($filter: PackageFilterInput, $first: Int, $offset: Int) {\n    packages(filter: $filter, first: $first, offset: $offset) {\n      nodes {\n        id\n        publicationPdf {\n          status\n          renderId\n          error\n        }\n        publicationHold {\n          heldAt\n          tries\n          reason\n        }\n      }\n    }\n  }\n": typeof types.PublicationStatesDocument,
    "\n  query Package($id: ID!, $knownVersion: Int) {\n    package(id: $id, knownVersion: $knownVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": typeof types.PackageDocument,
    "\n  fragment SaveResultFields on SaveResult {\n    version\n    lastEditedAt\n    summary {\n      ...SummaryFields\n    }\n    document\n  }\n  \n": typeof types.SaveResultFieldsFragmentDoc,
    "\n  mutation SavePackage($input: SavePackageInput!) {\n    savePackage(input: $input) {\n      ...SaveResultFields\n    }\n  }\n  \n": typeof types.SavePackageDocument,
    "\n  query RevisionDiff($packageId: ID!, $fromRevisionId: ID!, $toRevisionId: ID) {\n    revisionDiff(packageId: $packageId, fromRevisionId: $fromRevisionId, toRevisionId: $toRevisionId) {\n      path\n      kind\n      before\n      after\n      labelZh\n      labelEn\n    }\n  }\n": typeof types.RevisionDiffDocument,
    "\n  mutation SubmitPackage($packageId: ID!, $expectedVersion: Int!) {\n    submitPackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": typeof types.SubmitPackageDocument,
    "\n  mutation WithdrawPackage($packageId: ID!, $expectedVersion: Int!) {\n    withdrawPackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": typeof types.WithdrawPackageDocument,
    "\n  mutation SignPackage($packageId: ID!, $expectedVersion: Int!, $password: String!, $opinion: String) {\n    signPackage(packageId: $packageId, expectedVersion: $expectedVersion, password: $password, opinion: $opinion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": typeof types.SignPackageDocument,
    "\n  mutation ReturnPackage($packageId: ID!, $expectedVersion: Int!, $reason: String!, $comments: [CommentInput!]) {\n    returnPackage(packageId: $packageId, expectedVersion: $expectedVersion, reason: $reason, comments: $comments) {\n      ...PackageDetailFields\n    }\n  }\n  \n": typeof types.ReturnPackageDocument,
    "\n  mutation ClaimPackage($packageId: ID!, $expectedVersion: Int!) {\n    claimPackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": typeof types.ClaimPackageDocument,
    "\n  mutation ReleasePackage($packageId: ID!, $expectedVersion: Int!) {\n    releasePackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": typeof types.ReleasePackageDocument,
    "\n  mutation ApprovePackage($packageId: ID!, $expectedVersion: Int!, $opinion: String) {\n    approvePackage(packageId: $packageId, expectedVersion: $expectedVersion, opinion: $opinion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": typeof types.ApprovePackageDocument,
    "\n  mutation ConcurPackage($packageId: ID!, $expectedVersion: Int!, $opinion: String) {\n    concurPackage(packageId: $packageId, expectedVersion: $expectedVersion, opinion: $opinion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": typeof types.ConcurPackageDocument,
    "\n  mutation TransferPackage($packageId: ID!, $expectedVersion: Int!, $toUserId: ID!, $reason: String!) {\n    transferPackage(packageId: $packageId, expectedVersion: $expectedVersion, toUserId: $toUserId, reason: $reason) {\n      ...PackageDetailFields\n    }\n  }\n  \n": typeof types.TransferPackageDocument,
    "\n  mutation ReassignPackage($packageId: ID!, $expectedVersion: Int!, $toUserId: ID!, $reason: String) {\n    reassignPackage(packageId: $packageId, expectedVersion: $expectedVersion, toUserId: $toUserId, reason: $reason) {\n      ...PackageDetailFields\n    }\n  }\n  \n": typeof types.ReassignPackageDocument,
    "\n  mutation BatchApprove($packageIds: [ID!]!) {\n    batchApprove(packageIds: $packageIds) {\n      packageId\n      ok\n      code\n      message\n    }\n  }\n": typeof types.BatchApproveDocument,
    "\n  mutation AddComment($packageId: ID!, $path: String!, $body: String!) {\n    addComment(packageId: $packageId, path: $path, body: $body) {\n      ...CommentFields\n    }\n  }\n  \n": typeof types.AddCommentDocument,
    "\n  mutation ReplyComment($commentId: ID!, $body: String!) {\n    replyComment(commentId: $commentId, body: $body) {\n      ...CommentFields\n    }\n  }\n  \n": typeof types.ReplyCommentDocument,
    "\n  mutation ResolveComment($commentId: ID!) {\n    resolveComment(commentId: $commentId) {\n      ...CommentFields\n    }\n  }\n  \n": typeof types.ResolveCommentDocument,
    "\n  fragment RenderFields on Render {\n    id\n    purpose\n    status\n    progress\n    error\n    downloadUrl\n  }\n": typeof types.RenderFieldsFragmentDoc,
    "\n  mutation RequestPreview($packageId: ID!) {\n    requestPreview(packageId: $packageId) {\n      ...RenderFields\n    }\n  }\n  \n": typeof types.RequestPreviewDocument,
    "\n  mutation RecordPackageView($packageId: ID!) {\n    recordPackageView(packageId: $packageId) {\n      previous {\n        revisionId\n        packageVersion\n        viewedAt\n      }\n      current {\n        revisionId\n        packageVersion\n        viewedAt\n      }\n    }\n  }\n": typeof types.RecordPackageViewDocument,
    "\n  query Render($id: ID!) {\n    render(id: $id) {\n      ...RenderFields\n    }\n  }\n  \n": typeof types.RenderDocument,
    "\n  mutation SchedulePublication($packageId: ID!, $expectedVersion: Int!, $publishAt: DateTime) {\n    schedulePublication(packageId: $packageId, expectedVersion: $expectedVersion, publishAt: $publishAt) {\n      ...PackageListFields\n    }\n  }\n  \n": typeof types.SchedulePublicationDocument,
    "\n  mutation SchedulePublications($items: [PackageVersionInput!]!, $publishAt: DateTime) {\n    schedulePublications(items: $items, publishAt: $publishAt) {\n      packageId\n      ok\n      code\n      message\n    }\n  }\n": typeof types.SchedulePublicationsDocument,
    "\n  mutation PublishNow($packageId: ID!, $expectedVersion: Int!) {\n    publishNow(packageId: $packageId, expectedVersion: $expectedVersion) {\n      id\n      state\n      version\n      publishAt\n    }\n  }\n": typeof types.PublishNowDocument,
    "\n  mutation ReschedulePublication($packageId: ID!, $expectedVersion: Int!, $publishAt: DateTime!) {\n    reschedulePublication(packageId: $packageId, expectedVersion: $expectedVersion, publishAt: $publishAt) {\n      ...PackageListFields\n    }\n  }\n  \n": typeof types.ReschedulePublicationDocument,
    "\n  mutation UnschedulePublication($packageId: ID!, $expectedVersion: Int!) {\n    unschedulePublication(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageListFields\n    }\n  }\n  \n": typeof types.UnschedulePublicationDocument,
    "\n  mutation RetractPublication($packageId: ID!, $expectedVersion: Int!, $reason: String!) {\n    retractPublication(packageId: $packageId, expectedVersion: $expectedVersion, reason: $reason) {\n      ...PackageListFields\n    }\n  }\n  \n": typeof types.RetractPublicationDocument,
    "\n  query MyBureau {\n    myBureau {\n      id\n      code\n      name\n      region\n      portalName\n    }\n  }\n": typeof types.MyBureauDocument,
    "\n  query Units($includeInactive: Boolean) {\n    units(includeInactive: $includeInactive) {\n      id\n      code\n      name\n      category\n      active\n      supervisorUnitId\n      reviewerId\n      supervisorReviewerId\n    }\n  }\n": typeof types.UnitsDocument,
    "\n  query Users($unitId: ID) {\n    users(unitId: $unitId) {\n      id\n      username\n      displayName\n      role\n      unit {\n        id\n        code\n        name\n      }\n      active\n      phone\n      email\n      externalId\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation CreateUnit($input: CreateUnitInput!) {\n    createUnit(input: $input) {\n      id\n      code\n      name\n      category\n      active\n    }\n  }\n": typeof types.CreateUnitDocument,
    "\n  mutation SetUnitActive($id: ID!, $active: Boolean!) {\n    setUnitActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n": typeof types.SetUnitActiveDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      displayName\n      role\n      active\n      phone\n      unit {\n        id\n        code\n        name\n      }\n    }\n  }\n": typeof types.CreateUserDocument,
    "\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    setUserActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n": typeof types.SetUserActiveDocument,
    "\n  mutation ResetUserPassword($id: ID!, $newPassword: String!) {\n    resetUserPassword(id: $id, newPassword: $newPassword)\n  }\n": typeof types.ResetUserPasswordDocument,
    "\n  fragment CampaignFields on Campaign {\n    id\n    fiscalYear\n    title\n    documentNumber\n    template\n    submissionDeadline\n    publicationDeadline\n    timezone\n    openedAt\n    packageCount\n  }\n": typeof types.CampaignFieldsFragmentDoc,
    "\n  query Campaigns {\n    campaigns {\n      ...CampaignFields\n    }\n  }\n  \n": typeof types.CampaignsDocument,
    "\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      ...CampaignFields\n    }\n  }\n  \n": typeof types.CreateCampaignDocument,
    "\n  mutation UpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {\n    updateCampaign(id: $id, input: $input) {\n      ...CampaignFields\n    }\n  }\n  \n": typeof types.UpdateCampaignDocument,
    "\n  mutation UpdateCampaignRules($id: ID!, $input: CampaignRulesInput!) {\n    updateCampaignRules(id: $id, input: $input) {\n      ...CampaignFields\n    }\n  }\n  \n": typeof types.UpdateCampaignRulesDocument,
    "\n  mutation OpenCampaign($id: ID!) {\n    openCampaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n  \n": typeof types.OpenCampaignDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      displayName\n      phone\n      email\n      externalId\n    }\n  }\n": typeof types.UpdateUserDocument,
    "\n  query NotificationDeliveries($status: String, $first: Int, $offset: Int) {\n    notificationDeliveries(status: $status, first: $first, offset: $offset) {\n      totalCount\n      nodes {\n        id\n        channel\n        recipient\n        subject\n        status\n        attempts\n        lastError\n        sentAt\n        createdAt\n      }\n    }\n  }\n": typeof types.NotificationDeliveriesDocument,
    "\n  query CampaignProgress($campaignId: ID!, $warningsFirst: Int, $warningsOffset: Int) {\n    campaignProgress(campaignId: $campaignId, warningsFirst: $warningsFirst, warningsOffset: $warningsOffset) {\n      headline {\n        units\n        handedIn\n        overdue\n        approved\n        published\n        averageScore\n        withErrors\n        withWarnings\n      }\n      byState {\n        state\n        count\n      }\n      overdue {\n        packageId\n        unitId\n        unitCode\n        unitName\n        state\n      }\n      gradeDistribution {\n        grade\n        count\n      }\n      scoreHistogram {\n        bucket\n        count\n      }\n      warnings {\n        packageId\n        unitName\n        unitCode\n        state\n        level\n        errorCount\n        warningCount\n        flags\n        overdue\n      }\n      warningTotal\n      bySupervisor {\n        supervisorUnitId\n        supervisorCode\n        supervisorName\n        units\n        withUnit\n        withSupervisor\n        handedIn\n        approved\n        overdue\n      }\n    }\n  }\n": typeof types.CampaignProgressDocument,
    "\n  mutation RemindUnit($packageId: ID!, $message: String) {\n    remindUnit(packageId: $packageId, message: $message) {\n      packageId\n      unitName\n      recipients\n    }\n  }\n": typeof types.RemindUnitDocument,
    "\n  mutation RemindOverdue($campaignId: ID!, $message: String) {\n    remindOverdue(campaignId: $campaignId, message: $message) {\n      reminded\n      skipped\n      results {\n        packageId\n        unitName\n        recipients\n      }\n    }\n  }\n": typeof types.RemindOverdueDocument,
    "\n  query ReviewerWorkload {\n    reviewerWorkload {\n      userId\n      displayName\n      username\n      active\n      stage\n      supervisorUnitId\n      units\n      packages\n      inReview\n    }\n  }\n": typeof types.ReviewerWorkloadDocument,
    "\n  query AssignmentPackages($filter: PackageFilterInput, $first: Int, $offset: Int) {\n    packages(filter: $filter, first: $first, offset: $offset, sort: { field: UNIT_CODE, direction: ASC }) {\n      nodes {\n        id\n        state\n        unit {\n          id\n          code\n          name\n        }\n        supervisorUnit {\n          id\n          name\n        }\n        assignee {\n          ...UserRefFields\n        }\n        supervisorAssignee {\n          ...UserRefFields\n        }\n        claimedBy {\n          ...UserRefFields\n        }\n      }\n      totalCount\n    }\n  }\n  \n": typeof types.AssignmentPackagesDocument,
    "\n  mutation AssignReviewer($input: AssignReviewerInput!) {\n    assignReviewer(input: $input) {\n      units\n      packages\n      skippedPackageIds\n    }\n  }\n": typeof types.AssignReviewerDocument,
    "\n  mutation ReassignReviewerWork($input: ReassignWorkInput!) {\n    reassignReviewerWork(input: $input) {\n      units\n      packages\n      skippedPackageIds\n    }\n  }\n": typeof types.ReassignReviewerWorkDocument,
};
const documents: Documents = {
    "\n  fragment UserRefFields on UserRef {\n    id\n    displayName\n    role\n  }\n": types.UserRefFieldsFragmentDoc,
    "\n  fragment SummaryFields on PackageSummary {\n    errorCount\n    warningCount\n    unexplainedWarningCount\n    executionRate\n    declaredTotal\n    suggestedTotal\n    grade\n    canSubmit\n  }\n": types.SummaryFieldsFragmentDoc,
    "\n  fragment PackageListFields on Package {\n    id\n    state\n    version\n    fiscalYear\n    unit {\n      id\n      code\n      name\n    }\n    campaign {\n      id\n      title\n      fiscalYear\n      submissionDeadline\n      publicationDeadline\n    }\n    summary {\n      ...SummaryFields\n    }\n    availableActions\n    claimedBy {\n      ...UserRefFields\n    }\n    stage\n    assignee {\n      ...UserRefFields\n    }\n    supervisorAssignee {\n      ...UserRefFields\n    }\n    lastEditedAt\n    submittedAt\n    approvedAt\n    publishAt\n    publishedAt\n    flags\n  }\n  \n  \n": types.PackageListFieldsFragmentDoc,
    "\n  fragment CommentFields on Comment {\n    id\n    path\n    pathLabelZh\n    body\n    author {\n      ...UserRefFields\n    }\n    createdAt\n    resolvedAt\n    resolvedBy {\n      ...UserRefFields\n    }\n    replies {\n      id\n      path\n      pathLabelZh\n      body\n      author {\n        ...UserRefFields\n      }\n      createdAt\n      resolvedAt\n    }\n  }\n  \n": types.CommentFieldsFragmentDoc,
    "\n  fragment PackageDetailFields on Package {\n    id\n    state\n    version\n    fiscalYear\n    unit {\n      id\n      code\n      name\n    }\n    campaign {\n      id\n      fiscalYear\n      title\n      documentNumber\n      template\n      submissionDeadline\n      publicationDeadline\n      timezone\n    }\n    document\n    summary {\n      ...SummaryFields\n    }\n    availableActions\n    claimedBy {\n      ...UserRefFields\n    }\n    lastEditedBy {\n      ...UserRefFields\n    }\n    lastEditedAt\n    submittedAt\n    approvedAt\n    publishAt\n    publishedAt\n    signature {\n      id\n      signerName\n      signedAt\n      documentHash\n      pdfHash\n    }\n    comments {\n      ...CommentFields\n    }\n    auditTrail {\n      id\n      action\n      fromState\n      toState\n      reason\n      at\n      actor {\n        ...UserRefFields\n      }\n      actorRole\n      signedWith\n      opinion\n      toUser {\n        ...UserRefFields\n      }\n      fromUser {\n        ...UserRefFields\n      }\n    }\n    revisions {\n      id\n      seq\n      kind\n      packageVersion\n      createdAt\n      createdBy {\n        ...UserRefFields\n      }\n      documentHash\n    }\n    returnedRevisionId\n    unchanged\n    flags\n    stage\n    assignee {\n      ...UserRefFields\n    }\n    supervisorUnit {\n      id\n      name\n    }\n    opinions {\n      id\n      kind\n      opinion\n      signerName\n      signerUnitName\n      signedAt\n    }\n  }\n  \n  \n  \n": types.PackageDetailFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      role\n      bureauId\n      unitId\n      mustChangePassword\n      sessionMethod\n    }\n  }\n": types.MeDocument,
    "\n  query SignInOptions {\n    signInOptions {\n      ssoLabel\n    }\n  }\n": types.SignInOptionsDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      user {\n        id\n        username\n        displayName\n        role\n        bureauId\n        unitId\n        mustChangePassword\n        sessionMethod\n      }\n      token\n      expiresAt\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout\n  }\n": types.LogoutDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": types.ChangePasswordDocument,
    "\n  query Inbox($unreadOnly: Boolean, $first: Int) {\n    inbox(unreadOnly: $unreadOnly, first: $first) {\n      id\n      kind\n      title\n      body\n      packageId\n      createdAt\n      readAt\n    }\n    unreadCount\n  }\n": types.InboxDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query Packages($filter: PackageFilterInput, $first: Int, $offset: Int, $sort: PackageSortInput) {\n    packages(filter: $filter, first: $first, offset: $offset, sort: $sort) {\n      nodes {\n        ...PackageListFields\n      }\n      totalCount\n      counts {\n        overdue\n        withWarnings\n        states {\n          state\n          count\n        }\n        grades {\n          grade\n          count\n        }\n        assignees {\n          assigneeId\n          count\n          assignee {\n            ...UserRefFields\n          }\n        }\n        supervisors {\n          supervisorUnitId\n          count\n          supervisorUnit {\n            id\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n  \n": types.PackagesDocument,
    "\n  query OpinionPhrases {\n    opinionPhrases\n  }\n": types.OpinionPhrasesDocument,
    "\n  query StageReviewers($stage: ReviewStage!, $supervisorUnitId: ID) {\n    stageReviewers(stage: $stage, supervisorUnitId: $supervisorUnitId) {\n      ...UserRefFields\n    }\n  }\n  \n": types.StageReviewersDocument,
    "\n  query WaitingForMe {\n    waitingForMeCount\n  }\n": types.WaitingForMeDocument,
    "\n  query PublicationStates($filter: PackageFilterInput, $first: Int, $offset: Int) {\n    packages(filter: $filter, first: $first, offset: $offset) {\n      nodes {\n        id\n        publicationPdf {\n          status\n          renderId\n          error\n        }\n        publicationHold {\n          heldAt\n          tries\n          reason\n        }\n      }\n    }\n  }\n": types.PublicationStatesDocument,
    "\n  query Package($id: ID!, $knownVersion: Int) {\n    package(id: $id, knownVersion: $knownVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": types.PackageDocument,
    "\n  fragment SaveResultFields on SaveResult {\n    version\n    lastEditedAt\n    summary {\n      ...SummaryFields\n    }\n    document\n  }\n  \n": types.SaveResultFieldsFragmentDoc,
    "\n  mutation SavePackage($input: SavePackageInput!) {\n    savePackage(input: $input) {\n      ...SaveResultFields\n    }\n  }\n  \n": types.SavePackageDocument,
    "\n  query RevisionDiff($packageId: ID!, $fromRevisionId: ID!, $toRevisionId: ID) {\n    revisionDiff(packageId: $packageId, fromRevisionId: $fromRevisionId, toRevisionId: $toRevisionId) {\n      path\n      kind\n      before\n      after\n      labelZh\n      labelEn\n    }\n  }\n": types.RevisionDiffDocument,
    "\n  mutation SubmitPackage($packageId: ID!, $expectedVersion: Int!) {\n    submitPackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": types.SubmitPackageDocument,
    "\n  mutation WithdrawPackage($packageId: ID!, $expectedVersion: Int!) {\n    withdrawPackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": types.WithdrawPackageDocument,
    "\n  mutation SignPackage($packageId: ID!, $expectedVersion: Int!, $password: String!, $opinion: String) {\n    signPackage(packageId: $packageId, expectedVersion: $expectedVersion, password: $password, opinion: $opinion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": types.SignPackageDocument,
    "\n  mutation ReturnPackage($packageId: ID!, $expectedVersion: Int!, $reason: String!, $comments: [CommentInput!]) {\n    returnPackage(packageId: $packageId, expectedVersion: $expectedVersion, reason: $reason, comments: $comments) {\n      ...PackageDetailFields\n    }\n  }\n  \n": types.ReturnPackageDocument,
    "\n  mutation ClaimPackage($packageId: ID!, $expectedVersion: Int!) {\n    claimPackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": types.ClaimPackageDocument,
    "\n  mutation ReleasePackage($packageId: ID!, $expectedVersion: Int!) {\n    releasePackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": types.ReleasePackageDocument,
    "\n  mutation ApprovePackage($packageId: ID!, $expectedVersion: Int!, $opinion: String) {\n    approvePackage(packageId: $packageId, expectedVersion: $expectedVersion, opinion: $opinion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": types.ApprovePackageDocument,
    "\n  mutation ConcurPackage($packageId: ID!, $expectedVersion: Int!, $opinion: String) {\n    concurPackage(packageId: $packageId, expectedVersion: $expectedVersion, opinion: $opinion) {\n      ...PackageDetailFields\n    }\n  }\n  \n": types.ConcurPackageDocument,
    "\n  mutation TransferPackage($packageId: ID!, $expectedVersion: Int!, $toUserId: ID!, $reason: String!) {\n    transferPackage(packageId: $packageId, expectedVersion: $expectedVersion, toUserId: $toUserId, reason: $reason) {\n      ...PackageDetailFields\n    }\n  }\n  \n": types.TransferPackageDocument,
    "\n  mutation ReassignPackage($packageId: ID!, $expectedVersion: Int!, $toUserId: ID!, $reason: String) {\n    reassignPackage(packageId: $packageId, expectedVersion: $expectedVersion, toUserId: $toUserId, reason: $reason) {\n      ...PackageDetailFields\n    }\n  }\n  \n": types.ReassignPackageDocument,
    "\n  mutation BatchApprove($packageIds: [ID!]!) {\n    batchApprove(packageIds: $packageIds) {\n      packageId\n      ok\n      code\n      message\n    }\n  }\n": types.BatchApproveDocument,
    "\n  mutation AddComment($packageId: ID!, $path: String!, $body: String!) {\n    addComment(packageId: $packageId, path: $path, body: $body) {\n      ...CommentFields\n    }\n  }\n  \n": types.AddCommentDocument,
    "\n  mutation ReplyComment($commentId: ID!, $body: String!) {\n    replyComment(commentId: $commentId, body: $body) {\n      ...CommentFields\n    }\n  }\n  \n": types.ReplyCommentDocument,
    "\n  mutation ResolveComment($commentId: ID!) {\n    resolveComment(commentId: $commentId) {\n      ...CommentFields\n    }\n  }\n  \n": types.ResolveCommentDocument,
    "\n  fragment RenderFields on Render {\n    id\n    purpose\n    status\n    progress\n    error\n    downloadUrl\n  }\n": types.RenderFieldsFragmentDoc,
    "\n  mutation RequestPreview($packageId: ID!) {\n    requestPreview(packageId: $packageId) {\n      ...RenderFields\n    }\n  }\n  \n": types.RequestPreviewDocument,
    "\n  mutation RecordPackageView($packageId: ID!) {\n    recordPackageView(packageId: $packageId) {\n      previous {\n        revisionId\n        packageVersion\n        viewedAt\n      }\n      current {\n        revisionId\n        packageVersion\n        viewedAt\n      }\n    }\n  }\n": types.RecordPackageViewDocument,
    "\n  query Render($id: ID!) {\n    render(id: $id) {\n      ...RenderFields\n    }\n  }\n  \n": types.RenderDocument,
    "\n  mutation SchedulePublication($packageId: ID!, $expectedVersion: Int!, $publishAt: DateTime) {\n    schedulePublication(packageId: $packageId, expectedVersion: $expectedVersion, publishAt: $publishAt) {\n      ...PackageListFields\n    }\n  }\n  \n": types.SchedulePublicationDocument,
    "\n  mutation SchedulePublications($items: [PackageVersionInput!]!, $publishAt: DateTime) {\n    schedulePublications(items: $items, publishAt: $publishAt) {\n      packageId\n      ok\n      code\n      message\n    }\n  }\n": types.SchedulePublicationsDocument,
    "\n  mutation PublishNow($packageId: ID!, $expectedVersion: Int!) {\n    publishNow(packageId: $packageId, expectedVersion: $expectedVersion) {\n      id\n      state\n      version\n      publishAt\n    }\n  }\n": types.PublishNowDocument,
    "\n  mutation ReschedulePublication($packageId: ID!, $expectedVersion: Int!, $publishAt: DateTime!) {\n    reschedulePublication(packageId: $packageId, expectedVersion: $expectedVersion, publishAt: $publishAt) {\n      ...PackageListFields\n    }\n  }\n  \n": types.ReschedulePublicationDocument,
    "\n  mutation UnschedulePublication($packageId: ID!, $expectedVersion: Int!) {\n    unschedulePublication(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageListFields\n    }\n  }\n  \n": types.UnschedulePublicationDocument,
    "\n  mutation RetractPublication($packageId: ID!, $expectedVersion: Int!, $reason: String!) {\n    retractPublication(packageId: $packageId, expectedVersion: $expectedVersion, reason: $reason) {\n      ...PackageListFields\n    }\n  }\n  \n": types.RetractPublicationDocument,
    "\n  query MyBureau {\n    myBureau {\n      id\n      code\n      name\n      region\n      portalName\n    }\n  }\n": types.MyBureauDocument,
    "\n  query Units($includeInactive: Boolean) {\n    units(includeInactive: $includeInactive) {\n      id\n      code\n      name\n      category\n      active\n      supervisorUnitId\n      reviewerId\n      supervisorReviewerId\n    }\n  }\n": types.UnitsDocument,
    "\n  query Users($unitId: ID) {\n    users(unitId: $unitId) {\n      id\n      username\n      displayName\n      role\n      unit {\n        id\n        code\n        name\n      }\n      active\n      phone\n      email\n      externalId\n    }\n  }\n": types.UsersDocument,
    "\n  mutation CreateUnit($input: CreateUnitInput!) {\n    createUnit(input: $input) {\n      id\n      code\n      name\n      category\n      active\n    }\n  }\n": types.CreateUnitDocument,
    "\n  mutation SetUnitActive($id: ID!, $active: Boolean!) {\n    setUnitActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n": types.SetUnitActiveDocument,
    "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      displayName\n      role\n      active\n      phone\n      unit {\n        id\n        code\n        name\n      }\n    }\n  }\n": types.CreateUserDocument,
    "\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    setUserActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n": types.SetUserActiveDocument,
    "\n  mutation ResetUserPassword($id: ID!, $newPassword: String!) {\n    resetUserPassword(id: $id, newPassword: $newPassword)\n  }\n": types.ResetUserPasswordDocument,
    "\n  fragment CampaignFields on Campaign {\n    id\n    fiscalYear\n    title\n    documentNumber\n    template\n    submissionDeadline\n    publicationDeadline\n    timezone\n    openedAt\n    packageCount\n  }\n": types.CampaignFieldsFragmentDoc,
    "\n  query Campaigns {\n    campaigns {\n      ...CampaignFields\n    }\n  }\n  \n": types.CampaignsDocument,
    "\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      ...CampaignFields\n    }\n  }\n  \n": types.CreateCampaignDocument,
    "\n  mutation UpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {\n    updateCampaign(id: $id, input: $input) {\n      ...CampaignFields\n    }\n  }\n  \n": types.UpdateCampaignDocument,
    "\n  mutation UpdateCampaignRules($id: ID!, $input: CampaignRulesInput!) {\n    updateCampaignRules(id: $id, input: $input) {\n      ...CampaignFields\n    }\n  }\n  \n": types.UpdateCampaignRulesDocument,
    "\n  mutation OpenCampaign($id: ID!) {\n    openCampaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n  \n": types.OpenCampaignDocument,
    "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      displayName\n      phone\n      email\n      externalId\n    }\n  }\n": types.UpdateUserDocument,
    "\n  query NotificationDeliveries($status: String, $first: Int, $offset: Int) {\n    notificationDeliveries(status: $status, first: $first, offset: $offset) {\n      totalCount\n      nodes {\n        id\n        channel\n        recipient\n        subject\n        status\n        attempts\n        lastError\n        sentAt\n        createdAt\n      }\n    }\n  }\n": types.NotificationDeliveriesDocument,
    "\n  query CampaignProgress($campaignId: ID!, $warningsFirst: Int, $warningsOffset: Int) {\n    campaignProgress(campaignId: $campaignId, warningsFirst: $warningsFirst, warningsOffset: $warningsOffset) {\n      headline {\n        units\n        handedIn\n        overdue\n        approved\n        published\n        averageScore\n        withErrors\n        withWarnings\n      }\n      byState {\n        state\n        count\n      }\n      overdue {\n        packageId\n        unitId\n        unitCode\n        unitName\n        state\n      }\n      gradeDistribution {\n        grade\n        count\n      }\n      scoreHistogram {\n        bucket\n        count\n      }\n      warnings {\n        packageId\n        unitName\n        unitCode\n        state\n        level\n        errorCount\n        warningCount\n        flags\n        overdue\n      }\n      warningTotal\n      bySupervisor {\n        supervisorUnitId\n        supervisorCode\n        supervisorName\n        units\n        withUnit\n        withSupervisor\n        handedIn\n        approved\n        overdue\n      }\n    }\n  }\n": types.CampaignProgressDocument,
    "\n  mutation RemindUnit($packageId: ID!, $message: String) {\n    remindUnit(packageId: $packageId, message: $message) {\n      packageId\n      unitName\n      recipients\n    }\n  }\n": types.RemindUnitDocument,
    "\n  mutation RemindOverdue($campaignId: ID!, $message: String) {\n    remindOverdue(campaignId: $campaignId, message: $message) {\n      reminded\n      skipped\n      results {\n        packageId\n        unitName\n        recipients\n      }\n    }\n  }\n": types.RemindOverdueDocument,
    "\n  query ReviewerWorkload {\n    reviewerWorkload {\n      userId\n      displayName\n      username\n      active\n      stage\n      supervisorUnitId\n      units\n      packages\n      inReview\n    }\n  }\n": types.ReviewerWorkloadDocument,
    "\n  query AssignmentPackages($filter: PackageFilterInput, $first: Int, $offset: Int) {\n    packages(filter: $filter, first: $first, offset: $offset, sort: { field: UNIT_CODE, direction: ASC }) {\n      nodes {\n        id\n        state\n        unit {\n          id\n          code\n          name\n        }\n        supervisorUnit {\n          id\n          name\n        }\n        assignee {\n          ...UserRefFields\n        }\n        supervisorAssignee {\n          ...UserRefFields\n        }\n        claimedBy {\n          ...UserRefFields\n        }\n      }\n      totalCount\n    }\n  }\n  \n": types.AssignmentPackagesDocument,
    "\n  mutation AssignReviewer($input: AssignReviewerInput!) {\n    assignReviewer(input: $input) {\n      units\n      packages\n      skippedPackageIds\n    }\n  }\n": types.AssignReviewerDocument,
    "\n  mutation ReassignReviewerWork($input: ReassignWorkInput!) {\n    reassignReviewerWork(input: $input) {\n      units\n      packages\n      skippedPackageIds\n    }\n  }\n": types.ReassignReviewerWorkDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserRefFields on UserRef {\n    id\n    displayName\n    role\n  }\n"): (typeof documents)["\n  fragment UserRefFields on UserRef {\n    id\n    displayName\n    role\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SummaryFields on PackageSummary {\n    errorCount\n    warningCount\n    unexplainedWarningCount\n    executionRate\n    declaredTotal\n    suggestedTotal\n    grade\n    canSubmit\n  }\n"): (typeof documents)["\n  fragment SummaryFields on PackageSummary {\n    errorCount\n    warningCount\n    unexplainedWarningCount\n    executionRate\n    declaredTotal\n    suggestedTotal\n    grade\n    canSubmit\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PackageListFields on Package {\n    id\n    state\n    version\n    fiscalYear\n    unit {\n      id\n      code\n      name\n    }\n    campaign {\n      id\n      title\n      fiscalYear\n      submissionDeadline\n      publicationDeadline\n    }\n    summary {\n      ...SummaryFields\n    }\n    availableActions\n    claimedBy {\n      ...UserRefFields\n    }\n    stage\n    assignee {\n      ...UserRefFields\n    }\n    supervisorAssignee {\n      ...UserRefFields\n    }\n    lastEditedAt\n    submittedAt\n    approvedAt\n    publishAt\n    publishedAt\n    flags\n  }\n  \n  \n"): (typeof documents)["\n  fragment PackageListFields on Package {\n    id\n    state\n    version\n    fiscalYear\n    unit {\n      id\n      code\n      name\n    }\n    campaign {\n      id\n      title\n      fiscalYear\n      submissionDeadline\n      publicationDeadline\n    }\n    summary {\n      ...SummaryFields\n    }\n    availableActions\n    claimedBy {\n      ...UserRefFields\n    }\n    stage\n    assignee {\n      ...UserRefFields\n    }\n    supervisorAssignee {\n      ...UserRefFields\n    }\n    lastEditedAt\n    submittedAt\n    approvedAt\n    publishAt\n    publishedAt\n    flags\n  }\n  \n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentFields on Comment {\n    id\n    path\n    pathLabelZh\n    body\n    author {\n      ...UserRefFields\n    }\n    createdAt\n    resolvedAt\n    resolvedBy {\n      ...UserRefFields\n    }\n    replies {\n      id\n      path\n      pathLabelZh\n      body\n      author {\n        ...UserRefFields\n      }\n      createdAt\n      resolvedAt\n    }\n  }\n  \n"): (typeof documents)["\n  fragment CommentFields on Comment {\n    id\n    path\n    pathLabelZh\n    body\n    author {\n      ...UserRefFields\n    }\n    createdAt\n    resolvedAt\n    resolvedBy {\n      ...UserRefFields\n    }\n    replies {\n      id\n      path\n      pathLabelZh\n      body\n      author {\n        ...UserRefFields\n      }\n      createdAt\n      resolvedAt\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PackageDetailFields on Package {\n    id\n    state\n    version\n    fiscalYear\n    unit {\n      id\n      code\n      name\n    }\n    campaign {\n      id\n      fiscalYear\n      title\n      documentNumber\n      template\n      submissionDeadline\n      publicationDeadline\n      timezone\n    }\n    document\n    summary {\n      ...SummaryFields\n    }\n    availableActions\n    claimedBy {\n      ...UserRefFields\n    }\n    lastEditedBy {\n      ...UserRefFields\n    }\n    lastEditedAt\n    submittedAt\n    approvedAt\n    publishAt\n    publishedAt\n    signature {\n      id\n      signerName\n      signedAt\n      documentHash\n      pdfHash\n    }\n    comments {\n      ...CommentFields\n    }\n    auditTrail {\n      id\n      action\n      fromState\n      toState\n      reason\n      at\n      actor {\n        ...UserRefFields\n      }\n      actorRole\n      signedWith\n      opinion\n      toUser {\n        ...UserRefFields\n      }\n      fromUser {\n        ...UserRefFields\n      }\n    }\n    revisions {\n      id\n      seq\n      kind\n      packageVersion\n      createdAt\n      createdBy {\n        ...UserRefFields\n      }\n      documentHash\n    }\n    returnedRevisionId\n    unchanged\n    flags\n    stage\n    assignee {\n      ...UserRefFields\n    }\n    supervisorUnit {\n      id\n      name\n    }\n    opinions {\n      id\n      kind\n      opinion\n      signerName\n      signerUnitName\n      signedAt\n    }\n  }\n  \n  \n  \n"): (typeof documents)["\n  fragment PackageDetailFields on Package {\n    id\n    state\n    version\n    fiscalYear\n    unit {\n      id\n      code\n      name\n    }\n    campaign {\n      id\n      fiscalYear\n      title\n      documentNumber\n      template\n      submissionDeadline\n      publicationDeadline\n      timezone\n    }\n    document\n    summary {\n      ...SummaryFields\n    }\n    availableActions\n    claimedBy {\n      ...UserRefFields\n    }\n    lastEditedBy {\n      ...UserRefFields\n    }\n    lastEditedAt\n    submittedAt\n    approvedAt\n    publishAt\n    publishedAt\n    signature {\n      id\n      signerName\n      signedAt\n      documentHash\n      pdfHash\n    }\n    comments {\n      ...CommentFields\n    }\n    auditTrail {\n      id\n      action\n      fromState\n      toState\n      reason\n      at\n      actor {\n        ...UserRefFields\n      }\n      actorRole\n      signedWith\n      opinion\n      toUser {\n        ...UserRefFields\n      }\n      fromUser {\n        ...UserRefFields\n      }\n    }\n    revisions {\n      id\n      seq\n      kind\n      packageVersion\n      createdAt\n      createdBy {\n        ...UserRefFields\n      }\n      documentHash\n    }\n    returnedRevisionId\n    unchanged\n    flags\n    stage\n    assignee {\n      ...UserRefFields\n    }\n    supervisorUnit {\n      id\n      name\n    }\n    opinions {\n      id\n      kind\n      opinion\n      signerName\n      signerUnitName\n      signedAt\n    }\n  }\n  \n  \n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      role\n      bureauId\n      unitId\n      mustChangePassword\n      sessionMethod\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n      displayName\n      role\n      bureauId\n      unitId\n      mustChangePassword\n      sessionMethod\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInOptions {\n    signInOptions {\n      ssoLabel\n    }\n  }\n"): (typeof documents)["\n  query SignInOptions {\n    signInOptions {\n      ssoLabel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      user {\n        id\n        username\n        displayName\n        role\n        bureauId\n        unitId\n        mustChangePassword\n        sessionMethod\n      }\n      token\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      user {\n        id\n        username\n        displayName\n        role\n        bureauId\n        unitId\n        mustChangePassword\n        sessionMethod\n      }\n      token\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Inbox($unreadOnly: Boolean, $first: Int) {\n    inbox(unreadOnly: $unreadOnly, first: $first) {\n      id\n      kind\n      title\n      body\n      packageId\n      createdAt\n      readAt\n    }\n    unreadCount\n  }\n"): (typeof documents)["\n  query Inbox($unreadOnly: Boolean, $first: Int) {\n    inbox(unreadOnly: $unreadOnly, first: $first) {\n      id\n      kind\n      title\n      body\n      packageId\n      createdAt\n      readAt\n    }\n    unreadCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Packages($filter: PackageFilterInput, $first: Int, $offset: Int, $sort: PackageSortInput) {\n    packages(filter: $filter, first: $first, offset: $offset, sort: $sort) {\n      nodes {\n        ...PackageListFields\n      }\n      totalCount\n      counts {\n        overdue\n        withWarnings\n        states {\n          state\n          count\n        }\n        grades {\n          grade\n          count\n        }\n        assignees {\n          assigneeId\n          count\n          assignee {\n            ...UserRefFields\n          }\n        }\n        supervisors {\n          supervisorUnitId\n          count\n          supervisorUnit {\n            id\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n  \n"): (typeof documents)["\n  query Packages($filter: PackageFilterInput, $first: Int, $offset: Int, $sort: PackageSortInput) {\n    packages(filter: $filter, first: $first, offset: $offset, sort: $sort) {\n      nodes {\n        ...PackageListFields\n      }\n      totalCount\n      counts {\n        overdue\n        withWarnings\n        states {\n          state\n          count\n        }\n        grades {\n          grade\n          count\n        }\n        assignees {\n          assigneeId\n          count\n          assignee {\n            ...UserRefFields\n          }\n        }\n        supervisors {\n          supervisorUnitId\n          count\n          supervisorUnit {\n            id\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpinionPhrases {\n    opinionPhrases\n  }\n"): (typeof documents)["\n  query OpinionPhrases {\n    opinionPhrases\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StageReviewers($stage: ReviewStage!, $supervisorUnitId: ID) {\n    stageReviewers(stage: $stage, supervisorUnitId: $supervisorUnitId) {\n      ...UserRefFields\n    }\n  }\n  \n"): (typeof documents)["\n  query StageReviewers($stage: ReviewStage!, $supervisorUnitId: ID) {\n    stageReviewers(stage: $stage, supervisorUnitId: $supervisorUnitId) {\n      ...UserRefFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WaitingForMe {\n    waitingForMeCount\n  }\n"): (typeof documents)["\n  query WaitingForMe {\n    waitingForMeCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicationStates($filter: PackageFilterInput, $first: Int, $offset: Int) {\n    packages(filter: $filter, first: $first, offset: $offset) {\n      nodes {\n        id\n        publicationPdf {\n          status\n          renderId\n          error\n        }\n        publicationHold {\n          heldAt\n          tries\n          reason\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PublicationStates($filter: PackageFilterInput, $first: Int, $offset: Int) {\n    packages(filter: $filter, first: $first, offset: $offset) {\n      nodes {\n        id\n        publicationPdf {\n          status\n          renderId\n          error\n        }\n        publicationHold {\n          heldAt\n          tries\n          reason\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Package($id: ID!, $knownVersion: Int) {\n    package(id: $id, knownVersion: $knownVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"): (typeof documents)["\n  query Package($id: ID!, $knownVersion: Int) {\n    package(id: $id, knownVersion: $knownVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SaveResultFields on SaveResult {\n    version\n    lastEditedAt\n    summary {\n      ...SummaryFields\n    }\n    document\n  }\n  \n"): (typeof documents)["\n  fragment SaveResultFields on SaveResult {\n    version\n    lastEditedAt\n    summary {\n      ...SummaryFields\n    }\n    document\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SavePackage($input: SavePackageInput!) {\n    savePackage(input: $input) {\n      ...SaveResultFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation SavePackage($input: SavePackageInput!) {\n    savePackage(input: $input) {\n      ...SaveResultFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RevisionDiff($packageId: ID!, $fromRevisionId: ID!, $toRevisionId: ID) {\n    revisionDiff(packageId: $packageId, fromRevisionId: $fromRevisionId, toRevisionId: $toRevisionId) {\n      path\n      kind\n      before\n      after\n      labelZh\n      labelEn\n    }\n  }\n"): (typeof documents)["\n  query RevisionDiff($packageId: ID!, $fromRevisionId: ID!, $toRevisionId: ID) {\n    revisionDiff(packageId: $packageId, fromRevisionId: $fromRevisionId, toRevisionId: $toRevisionId) {\n      path\n      kind\n      before\n      after\n      labelZh\n      labelEn\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitPackage($packageId: ID!, $expectedVersion: Int!) {\n    submitPackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation SubmitPackage($packageId: ID!, $expectedVersion: Int!) {\n    submitPackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawPackage($packageId: ID!, $expectedVersion: Int!) {\n    withdrawPackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation WithdrawPackage($packageId: ID!, $expectedVersion: Int!) {\n    withdrawPackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignPackage($packageId: ID!, $expectedVersion: Int!, $password: String!, $opinion: String) {\n    signPackage(packageId: $packageId, expectedVersion: $expectedVersion, password: $password, opinion: $opinion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation SignPackage($packageId: ID!, $expectedVersion: Int!, $password: String!, $opinion: String) {\n    signPackage(packageId: $packageId, expectedVersion: $expectedVersion, password: $password, opinion: $opinion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReturnPackage($packageId: ID!, $expectedVersion: Int!, $reason: String!, $comments: [CommentInput!]) {\n    returnPackage(packageId: $packageId, expectedVersion: $expectedVersion, reason: $reason, comments: $comments) {\n      ...PackageDetailFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation ReturnPackage($packageId: ID!, $expectedVersion: Int!, $reason: String!, $comments: [CommentInput!]) {\n    returnPackage(packageId: $packageId, expectedVersion: $expectedVersion, reason: $reason, comments: $comments) {\n      ...PackageDetailFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClaimPackage($packageId: ID!, $expectedVersion: Int!) {\n    claimPackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation ClaimPackage($packageId: ID!, $expectedVersion: Int!) {\n    claimPackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReleasePackage($packageId: ID!, $expectedVersion: Int!) {\n    releasePackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation ReleasePackage($packageId: ID!, $expectedVersion: Int!) {\n    releasePackage(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApprovePackage($packageId: ID!, $expectedVersion: Int!, $opinion: String) {\n    approvePackage(packageId: $packageId, expectedVersion: $expectedVersion, opinion: $opinion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation ApprovePackage($packageId: ID!, $expectedVersion: Int!, $opinion: String) {\n    approvePackage(packageId: $packageId, expectedVersion: $expectedVersion, opinion: $opinion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConcurPackage($packageId: ID!, $expectedVersion: Int!, $opinion: String) {\n    concurPackage(packageId: $packageId, expectedVersion: $expectedVersion, opinion: $opinion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation ConcurPackage($packageId: ID!, $expectedVersion: Int!, $opinion: String) {\n    concurPackage(packageId: $packageId, expectedVersion: $expectedVersion, opinion: $opinion) {\n      ...PackageDetailFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransferPackage($packageId: ID!, $expectedVersion: Int!, $toUserId: ID!, $reason: String!) {\n    transferPackage(packageId: $packageId, expectedVersion: $expectedVersion, toUserId: $toUserId, reason: $reason) {\n      ...PackageDetailFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation TransferPackage($packageId: ID!, $expectedVersion: Int!, $toUserId: ID!, $reason: String!) {\n    transferPackage(packageId: $packageId, expectedVersion: $expectedVersion, toUserId: $toUserId, reason: $reason) {\n      ...PackageDetailFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReassignPackage($packageId: ID!, $expectedVersion: Int!, $toUserId: ID!, $reason: String) {\n    reassignPackage(packageId: $packageId, expectedVersion: $expectedVersion, toUserId: $toUserId, reason: $reason) {\n      ...PackageDetailFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation ReassignPackage($packageId: ID!, $expectedVersion: Int!, $toUserId: ID!, $reason: String) {\n    reassignPackage(packageId: $packageId, expectedVersion: $expectedVersion, toUserId: $toUserId, reason: $reason) {\n      ...PackageDetailFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BatchApprove($packageIds: [ID!]!) {\n    batchApprove(packageIds: $packageIds) {\n      packageId\n      ok\n      code\n      message\n    }\n  }\n"): (typeof documents)["\n  mutation BatchApprove($packageIds: [ID!]!) {\n    batchApprove(packageIds: $packageIds) {\n      packageId\n      ok\n      code\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddComment($packageId: ID!, $path: String!, $body: String!) {\n    addComment(packageId: $packageId, path: $path, body: $body) {\n      ...CommentFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation AddComment($packageId: ID!, $path: String!, $body: String!) {\n    addComment(packageId: $packageId, path: $path, body: $body) {\n      ...CommentFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplyComment($commentId: ID!, $body: String!) {\n    replyComment(commentId: $commentId, body: $body) {\n      ...CommentFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation ReplyComment($commentId: ID!, $body: String!) {\n    replyComment(commentId: $commentId, body: $body) {\n      ...CommentFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveComment($commentId: ID!) {\n    resolveComment(commentId: $commentId) {\n      ...CommentFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation ResolveComment($commentId: ID!) {\n    resolveComment(commentId: $commentId) {\n      ...CommentFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RenderFields on Render {\n    id\n    purpose\n    status\n    progress\n    error\n    downloadUrl\n  }\n"): (typeof documents)["\n  fragment RenderFields on Render {\n    id\n    purpose\n    status\n    progress\n    error\n    downloadUrl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPreview($packageId: ID!) {\n    requestPreview(packageId: $packageId) {\n      ...RenderFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation RequestPreview($packageId: ID!) {\n    requestPreview(packageId: $packageId) {\n      ...RenderFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordPackageView($packageId: ID!) {\n    recordPackageView(packageId: $packageId) {\n      previous {\n        revisionId\n        packageVersion\n        viewedAt\n      }\n      current {\n        revisionId\n        packageVersion\n        viewedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordPackageView($packageId: ID!) {\n    recordPackageView(packageId: $packageId) {\n      previous {\n        revisionId\n        packageVersion\n        viewedAt\n      }\n      current {\n        revisionId\n        packageVersion\n        viewedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Render($id: ID!) {\n    render(id: $id) {\n      ...RenderFields\n    }\n  }\n  \n"): (typeof documents)["\n  query Render($id: ID!) {\n    render(id: $id) {\n      ...RenderFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SchedulePublication($packageId: ID!, $expectedVersion: Int!, $publishAt: DateTime) {\n    schedulePublication(packageId: $packageId, expectedVersion: $expectedVersion, publishAt: $publishAt) {\n      ...PackageListFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation SchedulePublication($packageId: ID!, $expectedVersion: Int!, $publishAt: DateTime) {\n    schedulePublication(packageId: $packageId, expectedVersion: $expectedVersion, publishAt: $publishAt) {\n      ...PackageListFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SchedulePublications($items: [PackageVersionInput!]!, $publishAt: DateTime) {\n    schedulePublications(items: $items, publishAt: $publishAt) {\n      packageId\n      ok\n      code\n      message\n    }\n  }\n"): (typeof documents)["\n  mutation SchedulePublications($items: [PackageVersionInput!]!, $publishAt: DateTime) {\n    schedulePublications(items: $items, publishAt: $publishAt) {\n      packageId\n      ok\n      code\n      message\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishNow($packageId: ID!, $expectedVersion: Int!) {\n    publishNow(packageId: $packageId, expectedVersion: $expectedVersion) {\n      id\n      state\n      version\n      publishAt\n    }\n  }\n"): (typeof documents)["\n  mutation PublishNow($packageId: ID!, $expectedVersion: Int!) {\n    publishNow(packageId: $packageId, expectedVersion: $expectedVersion) {\n      id\n      state\n      version\n      publishAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReschedulePublication($packageId: ID!, $expectedVersion: Int!, $publishAt: DateTime!) {\n    reschedulePublication(packageId: $packageId, expectedVersion: $expectedVersion, publishAt: $publishAt) {\n      ...PackageListFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation ReschedulePublication($packageId: ID!, $expectedVersion: Int!, $publishAt: DateTime!) {\n    reschedulePublication(packageId: $packageId, expectedVersion: $expectedVersion, publishAt: $publishAt) {\n      ...PackageListFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnschedulePublication($packageId: ID!, $expectedVersion: Int!) {\n    unschedulePublication(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageListFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation UnschedulePublication($packageId: ID!, $expectedVersion: Int!) {\n    unschedulePublication(packageId: $packageId, expectedVersion: $expectedVersion) {\n      ...PackageListFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RetractPublication($packageId: ID!, $expectedVersion: Int!, $reason: String!) {\n    retractPublication(packageId: $packageId, expectedVersion: $expectedVersion, reason: $reason) {\n      ...PackageListFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation RetractPublication($packageId: ID!, $expectedVersion: Int!, $reason: String!) {\n    retractPublication(packageId: $packageId, expectedVersion: $expectedVersion, reason: $reason) {\n      ...PackageListFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyBureau {\n    myBureau {\n      id\n      code\n      name\n      region\n      portalName\n    }\n  }\n"): (typeof documents)["\n  query MyBureau {\n    myBureau {\n      id\n      code\n      name\n      region\n      portalName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Units($includeInactive: Boolean) {\n    units(includeInactive: $includeInactive) {\n      id\n      code\n      name\n      category\n      active\n      supervisorUnitId\n      reviewerId\n      supervisorReviewerId\n    }\n  }\n"): (typeof documents)["\n  query Units($includeInactive: Boolean) {\n    units(includeInactive: $includeInactive) {\n      id\n      code\n      name\n      category\n      active\n      supervisorUnitId\n      reviewerId\n      supervisorReviewerId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($unitId: ID) {\n    users(unitId: $unitId) {\n      id\n      username\n      displayName\n      role\n      unit {\n        id\n        code\n        name\n      }\n      active\n      phone\n      email\n      externalId\n    }\n  }\n"): (typeof documents)["\n  query Users($unitId: ID) {\n    users(unitId: $unitId) {\n      id\n      username\n      displayName\n      role\n      unit {\n        id\n        code\n        name\n      }\n      active\n      phone\n      email\n      externalId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUnit($input: CreateUnitInput!) {\n    createUnit(input: $input) {\n      id\n      code\n      name\n      category\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUnit($input: CreateUnitInput!) {\n    createUnit(input: $input) {\n      id\n      code\n      name\n      category\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUnitActive($id: ID!, $active: Boolean!) {\n    setUnitActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation SetUnitActive($id: ID!, $active: Boolean!) {\n    setUnitActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      displayName\n      role\n      active\n      phone\n      unit {\n        id\n        code\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateUser($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      displayName\n      role\n      active\n      phone\n      unit {\n        id\n        code\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    setUserActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserActive($id: ID!, $active: Boolean!) {\n    setUserActive(id: $id, active: $active) {\n      id\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetUserPassword($id: ID!, $newPassword: String!) {\n    resetUserPassword(id: $id, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ResetUserPassword($id: ID!, $newPassword: String!) {\n    resetUserPassword(id: $id, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CampaignFields on Campaign {\n    id\n    fiscalYear\n    title\n    documentNumber\n    template\n    submissionDeadline\n    publicationDeadline\n    timezone\n    openedAt\n    packageCount\n  }\n"): (typeof documents)["\n  fragment CampaignFields on Campaign {\n    id\n    fiscalYear\n    title\n    documentNumber\n    template\n    submissionDeadline\n    publicationDeadline\n    timezone\n    openedAt\n    packageCount\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Campaigns {\n    campaigns {\n      ...CampaignFields\n    }\n  }\n  \n"): (typeof documents)["\n  query Campaigns {\n    campaigns {\n      ...CampaignFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      ...CampaignFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation CreateCampaign($input: CreateCampaignInput!) {\n    createCampaign(input: $input) {\n      ...CampaignFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {\n    updateCampaign(id: $id, input: $input) {\n      ...CampaignFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation UpdateCampaign($id: ID!, $input: UpdateCampaignInput!) {\n    updateCampaign(id: $id, input: $input) {\n      ...CampaignFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCampaignRules($id: ID!, $input: CampaignRulesInput!) {\n    updateCampaignRules(id: $id, input: $input) {\n      ...CampaignFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation UpdateCampaignRules($id: ID!, $input: CampaignRulesInput!) {\n    updateCampaignRules(id: $id, input: $input) {\n      ...CampaignFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenCampaign($id: ID!) {\n    openCampaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n  \n"): (typeof documents)["\n  mutation OpenCampaign($id: ID!) {\n    openCampaign(id: $id) {\n      ...CampaignFields\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      displayName\n      phone\n      email\n      externalId\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateUser($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      displayName\n      phone\n      email\n      externalId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationDeliveries($status: String, $first: Int, $offset: Int) {\n    notificationDeliveries(status: $status, first: $first, offset: $offset) {\n      totalCount\n      nodes {\n        id\n        channel\n        recipient\n        subject\n        status\n        attempts\n        lastError\n        sentAt\n        createdAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query NotificationDeliveries($status: String, $first: Int, $offset: Int) {\n    notificationDeliveries(status: $status, first: $first, offset: $offset) {\n      totalCount\n      nodes {\n        id\n        channel\n        recipient\n        subject\n        status\n        attempts\n        lastError\n        sentAt\n        createdAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CampaignProgress($campaignId: ID!, $warningsFirst: Int, $warningsOffset: Int) {\n    campaignProgress(campaignId: $campaignId, warningsFirst: $warningsFirst, warningsOffset: $warningsOffset) {\n      headline {\n        units\n        handedIn\n        overdue\n        approved\n        published\n        averageScore\n        withErrors\n        withWarnings\n      }\n      byState {\n        state\n        count\n      }\n      overdue {\n        packageId\n        unitId\n        unitCode\n        unitName\n        state\n      }\n      gradeDistribution {\n        grade\n        count\n      }\n      scoreHistogram {\n        bucket\n        count\n      }\n      warnings {\n        packageId\n        unitName\n        unitCode\n        state\n        level\n        errorCount\n        warningCount\n        flags\n        overdue\n      }\n      warningTotal\n      bySupervisor {\n        supervisorUnitId\n        supervisorCode\n        supervisorName\n        units\n        withUnit\n        withSupervisor\n        handedIn\n        approved\n        overdue\n      }\n    }\n  }\n"): (typeof documents)["\n  query CampaignProgress($campaignId: ID!, $warningsFirst: Int, $warningsOffset: Int) {\n    campaignProgress(campaignId: $campaignId, warningsFirst: $warningsFirst, warningsOffset: $warningsOffset) {\n      headline {\n        units\n        handedIn\n        overdue\n        approved\n        published\n        averageScore\n        withErrors\n        withWarnings\n      }\n      byState {\n        state\n        count\n      }\n      overdue {\n        packageId\n        unitId\n        unitCode\n        unitName\n        state\n      }\n      gradeDistribution {\n        grade\n        count\n      }\n      scoreHistogram {\n        bucket\n        count\n      }\n      warnings {\n        packageId\n        unitName\n        unitCode\n        state\n        level\n        errorCount\n        warningCount\n        flags\n        overdue\n      }\n      warningTotal\n      bySupervisor {\n        supervisorUnitId\n        supervisorCode\n        supervisorName\n        units\n        withUnit\n        withSupervisor\n        handedIn\n        approved\n        overdue\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemindUnit($packageId: ID!, $message: String) {\n    remindUnit(packageId: $packageId, message: $message) {\n      packageId\n      unitName\n      recipients\n    }\n  }\n"): (typeof documents)["\n  mutation RemindUnit($packageId: ID!, $message: String) {\n    remindUnit(packageId: $packageId, message: $message) {\n      packageId\n      unitName\n      recipients\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemindOverdue($campaignId: ID!, $message: String) {\n    remindOverdue(campaignId: $campaignId, message: $message) {\n      reminded\n      skipped\n      results {\n        packageId\n        unitName\n        recipients\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RemindOverdue($campaignId: ID!, $message: String) {\n    remindOverdue(campaignId: $campaignId, message: $message) {\n      reminded\n      skipped\n      results {\n        packageId\n        unitName\n        recipients\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReviewerWorkload {\n    reviewerWorkload {\n      userId\n      displayName\n      username\n      active\n      stage\n      supervisorUnitId\n      units\n      packages\n      inReview\n    }\n  }\n"): (typeof documents)["\n  query ReviewerWorkload {\n    reviewerWorkload {\n      userId\n      displayName\n      username\n      active\n      stage\n      supervisorUnitId\n      units\n      packages\n      inReview\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssignmentPackages($filter: PackageFilterInput, $first: Int, $offset: Int) {\n    packages(filter: $filter, first: $first, offset: $offset, sort: { field: UNIT_CODE, direction: ASC }) {\n      nodes {\n        id\n        state\n        unit {\n          id\n          code\n          name\n        }\n        supervisorUnit {\n          id\n          name\n        }\n        assignee {\n          ...UserRefFields\n        }\n        supervisorAssignee {\n          ...UserRefFields\n        }\n        claimedBy {\n          ...UserRefFields\n        }\n      }\n      totalCount\n    }\n  }\n  \n"): (typeof documents)["\n  query AssignmentPackages($filter: PackageFilterInput, $first: Int, $offset: Int) {\n    packages(filter: $filter, first: $first, offset: $offset, sort: { field: UNIT_CODE, direction: ASC }) {\n      nodes {\n        id\n        state\n        unit {\n          id\n          code\n          name\n        }\n        supervisorUnit {\n          id\n          name\n        }\n        assignee {\n          ...UserRefFields\n        }\n        supervisorAssignee {\n          ...UserRefFields\n        }\n        claimedBy {\n          ...UserRefFields\n        }\n      }\n      totalCount\n    }\n  }\n  \n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AssignReviewer($input: AssignReviewerInput!) {\n    assignReviewer(input: $input) {\n      units\n      packages\n      skippedPackageIds\n    }\n  }\n"): (typeof documents)["\n  mutation AssignReviewer($input: AssignReviewerInput!) {\n    assignReviewer(input: $input) {\n      units\n      packages\n      skippedPackageIds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReassignReviewerWork($input: ReassignWorkInput!) {\n    reassignReviewerWork(input: $input) {\n      units\n      packages\n      skippedPackageIds\n    }\n  }\n"): (typeof documents)["\n  mutation ReassignReviewerWork($input: ReassignWorkInput!) {\n    reassignReviewerWork(input: $input) {\n      units\n      packages\n      skippedPackageIds\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;