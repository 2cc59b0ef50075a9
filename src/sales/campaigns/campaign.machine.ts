import type { CampaignKind, CampaignState } from './campaigns.repo';

/**
 * Campaign lifecycles as data. Time moves them (the sweeper fires `open`, `close`, `openBalance`,
 * `closeBalance` when their moments pass); the shop can `cancel` one that still sells.
 *
 *   flash sale:  scheduled → live → ended;            scheduled | live → cancelled
 *   presale:     scheduled → deposit → waiting → balance → closed;  scheduled | deposit → cancelled
 *
 * Units not sold are given back to the product's stock when a flash sale ends or is cancelled, and
 * when a presale's deposit window closes; units of deposits whose balance is never paid go back at `closeBalance`.
 */
export type CampaignEvent = 'open' | 'close' | 'openBalance' | 'closeBalance' | 'cancel';

export const campaignTransitions: Record<CampaignKind, Partial<Record<CampaignState, Partial<Record<CampaignEvent, CampaignState>>>>> = {
  flash: {
    scheduled: { open: 'live', close: 'ended', cancel: 'cancelled' },
    live: { close: 'ended', cancel: 'cancelled' },
  },
  presale: {
    scheduled: { open: 'deposit', close: 'waiting', cancel: 'cancelled' },
    deposit: { close: 'waiting', cancel: 'cancelled' },
    waiting: { openBalance: 'balance', closeBalance: 'closed' },
    balance: { closeBalance: 'closed' },
  },
};

export const nextCampaignState = (kind: CampaignKind, from: CampaignState, event: CampaignEvent): CampaignState | null =>
  campaignTransitions[kind][from]?.[event] ?? null;

/** Whether leaving `from` by `event` ends the selling (the units not sold go back to the stock). */
export const stopsSelling = (kind: CampaignKind, from: CampaignState, event: CampaignEvent): boolean =>
  (event === 'close' || event === 'cancel') && (kind === 'flash' ? from === 'scheduled' || from === 'live' : from === 'scheduled' || from === 'deposit');
