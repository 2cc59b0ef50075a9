import { useEffect, useState } from 'react';
import { getExplains, getProducts, getReport, getSeries, type ExplainWindow, type ProductFunnel, type ShowMinute, type ShowReport } from './analytics.api';

export interface ShowNumbers {
  report: ShowReport;
  minutes: ShowMinute[];
  explains: ExplainWindow[];
  products: ProductFunnel[];
}

/**
 * A show's numbers from the API, read again every `refreshMs` (null: once). A failed refresh keeps
 * what is shown; the next one retries.
 */
export function useShowNumbers(shopId: string, showId: string | undefined, refreshMs: number | null) {
  const [numbers, setNumbers] = useState<ShowNumbers>();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setNumbers(undefined);
    setError(null);
    if (!showId) return;
    const abort = new AbortController();
    const load = async () => {
      try {
        const [report, minutes, explains, products] = await Promise.all([
          getReport(shopId, showId, abort.signal), getSeries(shopId, showId, abort.signal),
          getExplains(shopId, showId, abort.signal), getProducts(shopId, showId, abort.signal),
        ]);
        if (!abort.signal.aborted) setNumbers({ report, minutes, explains, products });
      } catch (err) {
        if (!abort.signal.aborted) setError(err);
      }
    };
    void load();
    const timer = refreshMs === null ? undefined : setInterval(load, refreshMs);
    return () => {
      abort.abort();
      clearInterval(timer);
    };
  }, [shopId, showId, refreshMs]);
  return { numbers, error };
}
