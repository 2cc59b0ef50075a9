/** PostgreSQL SQLSTATE 23505: both adapters surface it as `err.code`. */
export const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
