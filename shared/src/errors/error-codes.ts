import { PASSWORD_RULE } from './password-policy.js';

/**
 * Every refusal the system can give, shared by server (thrown as DomainError, mapped to
 * GraphQL `extensions.code`) and client (switches on the code to explain it).
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  TRANSITION_NOT_ALLOWED: 'TRANSITION_NOT_ALLOWED',
  ROLE_NOT_ALLOWED: 'ROLE_NOT_ALLOWED',
  NOT_IN_SCOPE: 'NOT_IN_SCOPE',
  NOT_CLAIMANT: 'NOT_CLAIMANT',
  NOT_ASSIGNEE: 'NOT_ASSIGNEE',
  CONCURRENCE_REQUIRED: 'CONCURRENCE_REQUIRED',
  CHECKS_BLOCK_SUBMISSION: 'CHECKS_BLOCK_SUBMISSION',
  REASON_REQUIRED: 'REASON_REQUIRED',
  PUBLISH_TIME_INVALID: 'PUBLISH_TIME_INVALID',
  NOT_EDITABLE: 'NOT_EDITABLE',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  PASSWORD_TOO_WEAK: 'PASSWORD_TOO_WEAK',
  PASSWORD_CHANGE_REQUIRED: 'PASSWORD_CHANGE_REQUIRED',
  DUPLICATE: 'DUPLICATE',
  SIGNATURE_INVALID: 'SIGNATURE_INVALID',
  RENDER_UNAVAILABLE: 'RENDER_UNAVAILABLE',
  FILE_REJECTED: 'FILE_REJECTED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  SERVER_BUSY: 'SERVER_BUSY',
  REQUEST_TOO_LARGE: 'REQUEST_TOO_LARGE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Default wording per code; services may give a more specific message. */
export const ERROR_MESSAGES: Record<ErrorCode, { zh: string; en: string }> = {
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please sign in' },
  FORBIDDEN: { zh: '无权执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { zh: '找不到该记录', en: 'Not found' },
  VALIDATION_FAILED: { zh: '填写内容有误', en: 'Some input is invalid' },
  VERSION_CONFLICT: { zh: '他人已先保存了新的版本，请查看差异后再保存', en: 'Someone saved a newer version first; review the difference before saving' },
  TRANSITION_NOT_ALLOWED: { zh: '当前状态下不能执行此操作', en: 'This action is not possible in the current state' },
  ROLE_NOT_ALLOWED: { zh: '您的角色不能执行此操作', en: 'Your role cannot perform this action' },
  NOT_IN_SCOPE: { zh: '该材料不属于您的单位或财政局', en: 'This package is outside your unit or bureau' },
  NOT_CLAIMANT: { zh: '该材料已由其他审核人领取', en: 'Another reviewer has claimed this package' },
  NOT_ASSIGNEE: { zh: '该材料已分配给其他审核人', en: 'This package is assigned to another reviewer' },
  CONCURRENCE_REQUIRED: { zh: '须另一位审核人会签后才能审核通过', en: 'A second reviewer must concur before approval' },
  CHECKS_BLOCK_SUBMISSION: { zh: '仍有错误或未说明的警告，不能提交', en: 'Errors or unexplained warnings block submission' },
  REASON_REQUIRED: { zh: '请填写理由', en: 'A reason is required' },
  PUBLISH_TIME_INVALID: { zh: '公开时间必须晚于当前时间', en: 'The publication time must be in the future' },
  NOT_EDITABLE: { zh: '当前状态下材料不可编辑', en: 'The package cannot be edited in its current state' },
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: { zh: '登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins; try again later' },
  ACCOUNT_DISABLED: { zh: '该账号已停用', en: 'This account is disabled' },
  PASSWORD_TOO_WEAK: PASSWORD_RULE,
  PASSWORD_CHANGE_REQUIRED: { zh: '管理员重置了您的密码，请先设置新密码', en: 'An administrator reset your password; choose a new one first' },
  DUPLICATE: { zh: '记录已存在', en: 'Already exists' },
  SIGNATURE_INVALID: { zh: '签章与材料内容不符', en: 'The signature does not match the package' },
  RENDER_UNAVAILABLE: { zh: 'PDF 生成服务暂不可用，稍后将自动重试', en: 'PDF rendering is unavailable; it will retry automatically' },
  FILE_REJECTED: { zh: '文件被拒绝', en: 'The file was rejected' },
  QUERY_TOO_COMPLEX: { zh: '查询过于复杂', en: 'The query is too complex' },
  REQUEST_TOO_LARGE: { zh: '提交的内容超过大小上限', en: 'The request is larger than allowed' },
  SERVER_BUSY: { zh: '服务器正忙，请稍后再试', en: 'The server is busy; try again shortly' },
  INTERNAL: { zh: '系统内部错误，请稍后再试', en: 'Internal error; please try again later' },
};
