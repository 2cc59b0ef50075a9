/**
 * "Something falls due at this moment": services that write an order's deadline or a campaign's
 * moment set the alarm, and the sweeper (created after them) wakes then instead of polling.
 */
export function createAlarm() {
  let ring: ((at: number) => void) | undefined;
  return {
    set(at: Date): void {
      ring?.(at.getTime());
    },
    /** The sweeper listens here once it exists. */
    onSet(listener: (at: number) => void): void {
      ring = listener;
    },
  };
}

export type Alarm = ReturnType<typeof createAlarm>;
/** What services are given: only the setting. */
export type Due = Alarm['set'];
