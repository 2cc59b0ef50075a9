import { useEffect, useState } from 'react';
import { createShare, type ShareTargetInput, type Share, type ShareChannel } from './shares.api';

/**
 * The share of `target` for `channel`, made when first asked for and kept while the sheet is open:
 * every channel gets its own code, so what comes through it is credited to that channel.
 */
export function useShare(target: ShareTargetInput, channel: ShareChannel): { share: Share | null; error: unknown } {
  const key = 'room' in target ? `room:${target.room}` : 'product' in target ? `product:${target.product}` : `listing:${target.listing}`;
  const [made, setMade] = useState<Record<string, Share>>({});
  const [error, setError] = useState<unknown>(null);
  const share = made[`${key}:${channel}`] ?? null;
  useEffect(() => {
    if (share) return;
    let gone = false;
    setError(null);
    createShare(target, channel).then(
      (s) => gone || setMade((m) => ({ ...m, [`${key}:${channel}`]: s })),
      (err: unknown) => gone || setError(err),
    );
    return () => {
      gone = true;
    };
    // `target` is a fresh object every render; `key` says when it really changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, channel, share]);
  return { share, error };
}
