import type { CombinedError } from '@urql/core';
import { ERROR_MESSAGES, ErrorCode } from '@zipin/shared';

/** Every code the client can meet: the server's ErrorCode plus a transport failure. */
export type ClientErrorCode = ErrorCode | 'NETWORK';

/** A failed API call, with the server's code (extensions.code) and details. */
export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly details: Record<string, unknown> | null = null,
    /** The server's own English for the same message (extensions.messageEn), when it sent one. */
    readonly messageEn: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.code === 'NETWORK';
  }
}

const KNOWN = new Set<string>(Object.values(ErrorCode));

/** A refusal the server gave by redirecting with its code in the address (single sign-on); null for anything else. */
export function errorFromCode(raw: unknown): ApiError | null {
  return typeof raw === 'string' && KNOWN.has(raw) ? new ApiError(raw as ErrorCode, '') : null;
}

export function toApiError(error: CombinedError | Error | unknown): ApiError {
  if (error instanceof ApiError) return error;
  const combined = error as Partial<CombinedError>;
  const first = combined.graphQLErrors?.[0];
  if (first) {
    const raw = first.extensions?.code;
    const code: ClientErrorCode = typeof raw === 'string' && KNOWN.has(raw) ? (raw as ErrorCode) : ErrorCode.INTERNAL;
    const details = (first.extensions?.details as Record<string, unknown> | undefined) ?? null;
    const en = first.extensions?.messageEn ?? details?.reasonEn;
    return new ApiError(code, first.message, details, typeof en === 'string' && en ? en : null);
  }
  if (combined.networkError) {
    const status = (combined.response as { status?: number } | undefined)?.status;
    if (status === 401) return new ApiError(ErrorCode.UNAUTHENTICATED, ERROR_MESSAGES.UNAUTHENTICATED.zh, null, ERROR_MESSAGES.UNAUTHENTICATED.en);
    return new ApiError('NETWORK', combined.networkError.message);
  }
  return new ApiError(ErrorCode.INTERNAL, error instanceof Error ? error.message : String(error));
}

export interface ErrorView {
  code: ClientErrorCode;
  /** One line, in the chosen language, for a toast or an error state. */
  message: string;
  /** What the user can do about it. */
  hint: string;
  /** Worth retrying the same request later. */
  retryable: boolean;
}

/**
 * The text shown for an error. Exhaustive over ErrorCode: adding a code in shared breaks the
 * client's type-check until it is explained here.
 */
export function describeError(error: unknown, locale: 'zh-CN' | 'en' = 'zh-CN'): ErrorView {
  const e = toApiError(error);
  const en = locale === 'en';
  const base = e.code === 'NETWORK' ? null : ERROR_MESSAGES[e.code];
  // The server's own message is more specific (it names the field or the state): its Chinese, or
  // the English it sent beside it. A message in neither (a transport's own words) is not shown.
  const specific = en ? e.messageEn : e.message && /[\u4e00-\u9fff]/.test(e.message) ? e.message : null;
  const text = (fallback: { zh: string; en: string }) => specific ?? (en ? fallback.en : fallback.zh);
  const view = (hintZh: string, hintEn: string, retryable = false): ErrorView => ({
    code: e.code,
    message: base ? text(base) : en ? 'Cannot reach the server' : '无法连接服务器',
    hint: en ? hintEn : hintZh,
    retryable,
  });
  const code = e.code;
  switch (code) {
    case 'NETWORK':
      return view('请检查网络连接，系统会自动重试。已填写的内容保存在本机。', 'Check the connection; the client retries and keeps your input locally.', true);
    case ErrorCode.UNAUTHENTICATED:
      return view('登录已过期，请重新登录。', 'Your session ended; sign in again.');
    case ErrorCode.FORBIDDEN:
    case ErrorCode.ROLE_NOT_ALLOWED:
    case ErrorCode.NOT_IN_SCOPE:
      return view('如需此权限，请联系财政局管理员。', 'Ask the bureau administrator for access.');
    case ErrorCode.NOT_FOUND:
      return view('该记录可能已被删除，请返回列表。', 'It may have been removed; go back to the list.');
    case ErrorCode.VALIDATION_FAILED:
      return view('请按提示修改标红的内容。', 'Fix the highlighted fields.');
    case ErrorCode.VERSION_CONFLICT:
      return view('请查看差异，选择保留哪一份。', 'Review the difference and choose a version.');
    case ErrorCode.TRANSITION_NOT_ALLOWED:
    case ErrorCode.NOT_EDITABLE:
      return view('材料状态已变化，请刷新页面。', 'The package changed state; reload.');
    case ErrorCode.NOT_CLAIMANT:
      return view('请在审核台选择其他材料。', 'Pick another package at the desk.');
    case ErrorCode.CHECKS_BLOCK_SUBMISSION:
      return view('请在右侧“校验结果”中逐项处理。', 'Work through the checks panel.');
    case ErrorCode.REASON_REQUIRED:
      return view('请填写理由后再提交。', 'Write a reason first.');
    case ErrorCode.NOT_ASSIGNEE:
      return view('请由分配到的审核人处理，或请其转交、请管理员改派。', 'Ask the assigned reviewer, who may transfer it, or the admin to reassign it.');
    case ErrorCode.CONCURRENCE_REQUIRED:
      return view('请另一位审核人先会签。', 'Ask a second reviewer to concur first.');
    case ErrorCode.OPEN_COMMENTS:
      return view('在“审核意见”中解决已处理的意见，或退回材料。', 'Resolve the comments that were dealt with under “Comments”, or return the package.');
    case ErrorCode.PUBLISH_TIME_INVALID:
      return view('请选择一个将来的时间。', 'Choose a time in the future.');
    case ErrorCode.INVALID_CREDENTIALS:
      return view('请核对用户名和密码。', 'Check the username and password.');
    case ErrorCode.ACCOUNT_LOCKED:
      return view('请稍后再试，或联系管理员解锁。', 'Wait, or ask an administrator.', true);
    case ErrorCode.ACCOUNT_DISABLED:
      return view('请联系财政局管理员。', 'Contact the bureau administrator.');
    case ErrorCode.PASSWORD_TOO_WEAK:
      return view('请换一个更长、不常见的密码，几个词连成的短句就很好。', 'Choose a longer, uncommon password; a few words in a row make a good one.');
    case ErrorCode.PASSWORD_CHANGE_REQUIRED:
      return view('请在“设置新密码”页面设置只有您自己知道的密码。', 'Set a password only you know on the new-password page.');
    case ErrorCode.SSO_UNKNOWN_ACCOUNT:
      return view('请联系财政局管理员，将您的统一身份认证账号关联到本系统账号；也可使用本系统账号密码登录。', 'Ask the bureau administrator to link your single sign-on identity to an account here, or sign in with a password.');
    case ErrorCode.SSO_FAILED:
      return view('请重新点击“统一身份认证登录”；如仍失败，请使用本系统账号密码登录。', 'Try single sign-on again; if it keeps failing, sign in with a password.', true);
    case ErrorCode.FRESH_AUTH_REQUIRED:
      return view('请点击“统一身份认证验证”，在统一身份认证平台重新输入密码后再签章。', 'Choose “Verify with single sign-on” and enter your password at the provider again, then sign.');
    case ErrorCode.DUPLICATE:
      return view('请换一个编号或名称。', 'Use another code or name.');
    case ErrorCode.SIGNATURE_INVALID:
      return view('材料在签章后被修改，需要重新签章。', 'The package changed after signing; sign again.');
    case ErrorCode.RENDER_UNAVAILABLE:
      return view('稍后会自动重试。', 'It will retry automatically.', true);
    case ErrorCode.PUBLICATION_PDF_FAILED:
      return view('请先处理 PDF 生成失败的原因（见公开台的 PDF 状态），系统会重新生成。', 'Fix why the PDF failed (see its status on the publication desk); it is then rendered again.');
    case ErrorCode.FILE_REJECTED:
      return view('请上传由本系统生成的 PDF 文件。', 'Upload a PDF produced by this system.');
    case ErrorCode.REQUEST_TOO_LARGE:
      return view('内容超过系统允许的大小，请精简后再保存。', 'Shorten the content and save again.');
    case ErrorCode.SERVER_BUSY:
      return view('请稍等片刻再试一次。', 'Wait a moment and try again.', true);
    case ErrorCode.QUERY_TOO_COMPLEX:
      return view('请缩小查询范围。', 'Narrow the query.');
    case ErrorCode.INTERNAL:
      return view('请稍后再试；如持续出现请联系管理员。', 'Try again later; contact the administrator if it persists.', true);
    default: {
      const exhaustive: never = code;
      return { code: exhaustive, message: String(exhaustive), hint: '', retryable: false };
    }
  }
}
