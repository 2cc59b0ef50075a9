import type { DependencyList, ReactNode } from 'react';
import { usePages, type PageOf } from '../../api/use-pages';
import { useErrorText } from '../../i18n/errors';
import { useSubmit } from '../../shell/forms';
import { ErrorNotice, Loading, MoreButton, Table, type Column } from '../../shell/ui';
import './sales-admin.css';

/** What a row may do: run an action (withdraw, cancel) after which the list reads again. */
export interface RowAction {
  run(action: () => Promise<unknown>): void;
  pending: boolean;
}

/**
 * The skeleton of an admin list that makes its own items (coupons, presales): the form that creates
 * one on top, then the shop's items page by page, newest first, each row with its actions; one
 * error line for the rows' actions. Creating or acting reads the list again.
 */
export function PagedTable<T>({ load, deps, create, head, row }: {
  load: (after: string | undefined, signal: AbortSignal) => Promise<PageOf<T>>;
  deps: DependencyList;
  /** The creating form, told to call `onCreated` when it made one. */
  create: (onCreated: () => void) => ReactNode;
  head: readonly Column[];
  row: (item: T, act: RowAction) => ReactNode;
}) {
  const errorText = useErrorText();
  const pages = usePages(load, deps);
  const action = useSubmit();
  const act: RowAction = {
    run: (work) => void action.run(async () => {
      await work();
      pages.reload();
    }),
    pending: action.pending,
  };
  return (
    <section className="stack">
      {create(pages.reload)}
      {pages.list.status === 'loading' && <Loading />}
      {pages.list.status === 'error' && <ErrorNotice error={pages.list.error} onRetry={pages.reload} />}
      {action.error !== null && <p role="alert" className="field-invalid">{errorText(action.error)}</p>}
      {pages.list.status === 'ok' && pages.list.data.length > 0 && <Table head={head}>{pages.list.data.map((item) => row(item, act))}</Table>}
      <MoreButton pages={pages} />
    </section>
  );
}
