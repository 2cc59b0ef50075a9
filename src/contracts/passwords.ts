import { z } from 'zod';
import { commonPasswords } from './common-passwords';

/**
 * The rule for a new password, shared by the server and the sign-up form so the two never
 * disagree: at least 10 characters, not only white space, not one of the most common passwords
 * (nor one character repeated). Existing passwords are not re-checked at login.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = 'too_short' | 'blank' | 'common';

export function passwordProblem(password: string): PasswordProblem | null {
  if (password.trim() === '') return 'blank';
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
  const folded = password.trim().toLowerCase();
  if (commonPasswords.has(folded) || /^(.)\1*$/u.test(folded)) return 'common';
  return null;
}

const messages: Record<PasswordProblem, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  blank: 'A password cannot be only spaces.',
  common: 'This password is among the most common ones; choose another.',
};

/**
 * A new password (sign-up, a new operator). A breach of the rule answers `IDENTITY_PASSWORD_WEAK`
 * (the error handler reads `params.errorCode`), with the broken rule in `details.issues[].rule`.
 */
export const newPassword = z
  .string()
  .max(PASSWORD_MAX_LENGTH)
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: messages[problem], params: { errorCode: 'IDENTITY_PASSWORD_WEAK', rule: problem } });
  })
  .describe(`At least ${PASSWORD_MIN_LENGTH} characters, not only spaces, not one of the most common passwords.`);
