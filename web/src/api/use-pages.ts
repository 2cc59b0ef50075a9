import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { Resource } from './use-resource';

/** One page of a list route: its items and the cursor of the next page (null on the last one). */
export interface PageOf<T> {
  items: T[];
  next: string | null;
}

export interface Pages<T> {
  /** Every item loaded so far, first page first. */
  list: Resource<T[]>;
  /** True when the server has more after what is shown. */
  hasMore: boolean;
  loadingMore: boolean;
  /** Why the last "more" failed, if it did (the items already shown stay). */
  moreError: unknown;
  more(): void;
  /** Reads the list again from its start, as far as it had been read (keeps showing it meanwhile). */
  reload(): void;
}

/**
 * A paged list for a component: the first page on mount and when `deps` change, the next one on
 * `more()` (a "more" button). Requests of an old `deps` are aborted so they never mix into a new list.
 */
export function usePages<T>(load: (after: string | undefined, signal: AbortSignal) => Promise<PageOf<T>>, deps: DependencyList): Pages<T> {
  const [list, setList] = useState<Resource<T[]>>({ status: 'loading' });
  const [next, setNext] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const shown = useRef(0);
  const lastDeps = useRef<DependencyList | undefined>(undefined);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const controller = new AbortController();
    abort.current?.abort();
    abort.current = controller;
    const sameDeps = lastDeps.current?.length === deps.length && deps.every((d, i) => Object.is(d, lastDeps.current![i]));
    lastDeps.current = deps;
    const want = sameDeps ? shown.current : 0;
    if (!sameDeps) setList({ status: 'loading' });
    setLoadingMore(false);
    setMoreError(null);
    (async () => {
      const items: T[] = [];
      let after: string | undefined;
      let page: PageOf<T>;
      do {
        page = await loader.current(after, controller.signal);
        items.push(...page.items);
        after = page.next ?? undefined;
      } while (after !== undefined && items.length < want);
      return { items, next: page.next };
    })().then(
      ({ items, next: cursor }) => {
        if (controller.signal.aborted) return;
        shown.current = items.length;
        setList({ status: 'ok', data: items });
        setNext(cursor);
      },
      (error: unknown) => controller.signal.aborted || setList({ status: 'error', error }),
    );
    return () => controller.abort();
    // `load` is a fresh closure every render; `deps` say when it really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);

  const more = useCallback(() => {
    const controller = abort.current;
    if (next === null || loadingMore || !controller) return;
    setLoadingMore(true);
    setMoreError(null);
    loader.current(next, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setList((current) => {
          const data = current.status === 'ok' ? [...current.data, ...page.items] : page.items;
          shown.current = data.length;
          return { status: 'ok', data };
        });
        setNext(page.next);
        setLoadingMore(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setMoreError(error);
        setLoadingMore(false);
      },
    );
  }, [next, loadingMore]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { list, hasMore: next !== null, loadingMore, moreError, more, reload };
}
