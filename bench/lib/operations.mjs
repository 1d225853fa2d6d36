/**
 * The client's own operations (client/src/api/operations.ts), written out here because the
 * benchmarks are plain JavaScript: the filler's Package query and SavePackage mutation
 * (PackageDetailFields), the reviewer queue (Packages, PackageListFields) and the bureau
 * dashboard (CampaignProgress). Keep them in step with the client when its fields change.
 */
const USER_REF = `fragment UserRefFields on UserRef { id displayName role }`;
const SUMMARY = `fragment SummaryFields on PackageSummary { errorCount warningCount unexplainedWarningCount executionRate declaredTotal suggestedTotal grade canSubmit }`;
const COMMENT = `fragment CommentFields on Comment {
  id path pathLabelZh body author { ...UserRefFields } createdAt resolvedAt resolvedBy { ...UserRefFields }
  replies { id path pathLabelZh body author { ...UserRefFields } createdAt resolvedAt }
}`;
const DETAIL = `fragment PackageDetailFields on Package {
  id state version fiscalYear
  unit { id code name }
  campaign { id fiscalYear title documentNumber template submissionDeadline publicationDeadline timezone }
  document
  summary { ...SummaryFields }
  availableActions
  claimedBy { ...UserRefFields } lastEditedBy { ...UserRefFields }
  lastEditedAt submittedAt approvedAt publishAt publishedAt
  signature { id signerName signedAt documentHash pdfHash }
  comments { ...CommentFields }
  auditTrail { id action fromState toState reason at actor { ...UserRefFields } actorRole signedWith opinion toUser { ...UserRefFields } fromUser { ...UserRefFields } }
  revisions { id seq kind packageVersion createdAt createdBy { ...UserRefFields } documentHash }
  returnedRevisionId flags unchanged
}`;
const LIST_ITEM = `fragment PackageListFields on Package {
  id state version fiscalYear
  unit { id code name }
  campaign { id title fiscalYear submissionDeadline publicationDeadline }
  summary { ...SummaryFields }
  availableActions
  claimedBy { ...UserRefFields } stage assignee { ...UserRefFields } supervisorAssignee { ...UserRefFields }
  lastEditedAt submittedAt approvedAt publishAt publishedAt flags
}`;

export const PACKAGE_QUERY = `query Package($id: ID!, $knownVersion: Int) { package(id: $id, knownVersion: $knownVersion) { ...PackageDetailFields } } ${DETAIL} ${SUMMARY} ${USER_REF} ${COMMENT}`;
const SAVE_RESULT = `fragment SaveResultFields on SaveResult {
  version lastEditedAt summary { ...SummaryFields } document
}`;
export const SAVE_MUTATION = `mutation SavePackage($input: SavePackageInput!) { savePackage(input: $input) { ...SaveResultFields } } ${SAVE_RESULT} ${SUMMARY}`;
export const PACKAGES_QUERY = `query Packages($filter: PackageFilterInput, $first: Int, $offset: Int) { packages(filter: $filter, first: $first, offset: $offset) { nodes { ...PackageListFields } totalCount } } ${LIST_ITEM} ${SUMMARY} ${USER_REF}`;
export const CAMPAIGN_PROGRESS_QUERY = `query CampaignProgress($campaignId: ID!) {
  campaignProgress(campaignId: $campaignId) {
    byState { state count } overdueUnits { id code name } gradeDistribution { grade count }
    scoreHistogram { bucket count } warnings { packageId unitName flags }
  }
}`;
