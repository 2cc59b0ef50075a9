import { useState, type FormEvent } from 'react';
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

/**
 * A form checked against a contract schema on submit: fields that fail are marked in `invalid`
 * (by name) and nothing is sent; a valid form runs `action` with the parsed data, then resets.
 * `prepare` turns the raw text fields into the schema's input (e.g. yuan into minor units).
 */
export function useSchemaForm<S extends z.ZodType>(
  schema: S,
  action: (data: z.output<S>) => Promise<void>,
  prepare: (values: Record<string, string>) => unknown = (values) => values,
) {
  const submit = useSubmit();
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const check = checkForm(schema, prepare(formValues(form)));
    setInvalid(check.ok ? new Set() : check.invalid);
    if (!check.ok) return;
    void submit.run(async () => {
      await action(check.data);
      form.reset();
    });
  };
  return { ...submit, invalid, onSubmit };
}
