import { useState } from 'react';
import type { z } from 'zod';

/**
 * Forms validate with the same contract schema the server validates with, so the user hears
 * about a bad value before a round trip, and the two can never disagree about what is valid.
 */
export type FormCheck<T> = { ok: true; data: T } | { ok: false; invalid: ReadonlySet<string> };

export function checkForm<S extends z.ZodType>(schema: S, value: unknown): FormCheck<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, invalid: new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? ''))) };
}

/** The text fields of a submitted form, by name. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
  return values;
}

/** Runs one submission at a time and keeps its failure for display. */
export function useSubmit() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<void>): Promise<void> => {
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  };
  return { pending, error, run, clearError: () => setError(null) };
}
