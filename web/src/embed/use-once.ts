import { useEffect, useRef } from 'react';

/** Runs `fn` the first time `when` is true, and never again for this component. */
export function useOnce(when: boolean, fn: () => void): void {
  const done = useRef(false);
  useEffect(() => {
    if (!when || done.current) return;
    done.current = true;
    fn();
  });
}
