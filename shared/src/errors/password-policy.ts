/**
 * The password rule, after NIST SP 800-63B: long enough, and not one that people commonly
 * choose or that has leaked. No composition rules (they push people to `Abc12345`). The length
 * is checked here, where client and server both read it; the list of common passwords is large
 * and lives on the server only.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'TOO_SHORT' | 'TOO_LONG' | 'COMMON';

/** The whole rule in a sentence, for hints and for the error code's default wording. */
export const PASSWORD_RULE = {
  zh: `密码至少 ${PASSWORD_MIN_LENGTH} 位，且不能是常见或已泄露的密码`,
  en: `Passwords need at least ${PASSWORD_MIN_LENGTH} characters and must not be a common or leaked password`,
} as const;

/** What exactly a refused password broke, naming the rule. */
export const PASSWORD_PROBLEMS: Record<PasswordProblem, { zh: string; en: string }> = {
  TOO_SHORT: { zh: `密码太短：至少 ${PASSWORD_MIN_LENGTH} 位`, en: `Too short: passwords need at least ${PASSWORD_MIN_LENGTH} characters` },
  TOO_LONG: { zh: `密码太长：最多 ${PASSWORD_MAX_LENGTH} 位`, en: `Too long: at most ${PASSWORD_MAX_LENGTH} characters` },
  COMMON: { zh: '这是常见或已泄露过的密码，容易被猜中', en: 'This is a common or leaked password, easy to guess' },
};

/** Length in characters as a person counts them (a Chinese character or an emoji is one). */
export function passwordLengthProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'TOO_SHORT';
  if (length > PASSWORD_MAX_LENGTH) return 'TOO_LONG';
  return null;
}
