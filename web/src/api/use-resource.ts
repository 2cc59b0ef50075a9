import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';

export type Resource<T> =
  | { status: 'loading' }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: unknown };

/**
 * Loads data for a component and reloads it when `deps` change or `reload()` is called.
 * The previous request is aborted so a slow answer for an old shop never overwrites a new one.
 * A `reload()` keeps showing the data it has until the new answer arrives (no flash of
 * "loading" when a live event asks for a fresh read); new `deps` start from "loading".
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): [Resource<T>, () => void] {
  const [state, setState] = useState<Resource<T>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const lastDeps = useRef<DependencyList | undefined>(undefined);

  useEffect(() => {
    const abort = new AbortController();
    const sameDeps = lastDeps.current?.length === deps.length && deps.every((d, i) => Object.is(d, lastDeps.current![i]));
    lastDeps.current = deps;
    if (!sameDeps) setState({ status: 'loading' });
    load(abort.signal).then(
      (data) => abort.signal.aborted || setState({ status: 'ok', data }),
      (error: unknown) => abort.signal.aborted || setState({ status: 'error', error }),
    );
    return () => abort.abort();
    // `load` is a fresh closure every render; `deps` say when it really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return [state, reload];
}
