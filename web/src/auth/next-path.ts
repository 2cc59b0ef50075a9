/**
 * Where to go after logging in. Only a path on this site is accepted: `?next=` comes from the
 * URL, and following `//evil.example` or `https://…` from it would be an open redirect.
 */
export function safeNextPath(raw: string | null): string {
  if (raw === null || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return '/';
  // Coming back to the login page itself would look like a failed login.
  if (raw === '/login' || raw.startsWith('/login?') || raw === '/signup' || raw.startsWith('/signup?')) return '/';
  return raw;
}
