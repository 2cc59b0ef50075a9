import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import { keyset, type KeysetRow } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import { newId } from '../kernel/ids';
import { marketplaces, type LinkMode, type LinkPolicy, type LinkScene, type Marketplace } from '../contracts/links.schemas';
import { shareChannels, type ShareChannel } from '../contracts/shares.schemas';
import { openPolicy, policyFrom } from './policy';

/** Nodes tell each other "the policy changed, reload it" on this topic. */
export const POLICY_TOPIC = 'links.policy.changed';

export interface PolicyRule {
  marketplace: Marketplace;
  scene: LinkScene;
  mode: LinkMode;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface PolicyChange {
  marketplace: Marketplace;
  scene: LinkScene;
  before: LinkMode;
  after: LinkMode;
}

/**
 * The operator's link policy. The database is the truth; every node keeps a snapshot in memory
 * (`current()`, synchronous, for chat's hot path) that it reloads when any node announces a change
 * on the bus. The node that made a change reloads before answering, so its own next read sees it.
 */
export interface LinkPolicyDeps {
  db: Db;
  bus: Bus;
  /** Names of accounts by id (identity's `accounts.displayNames`): who last changed each rule. */
  displayNames: (userIds: readonly string[]) => Promise<Map<string, string>>;
}

export interface PolicyLog {
  warn(obj: object, msg: string): void;
}

export interface ShareChannelRule {
  marketplace: Marketplace;
  channel: ShareChannel;
  /** null: none of its own, as the `share` scene. */
  mode: LinkMode | null;
  updatedAt: string | null;
  updatedBy: string | null;
}

export function createLinkPolicy({ db, bus, displayNames }: LinkPolicyDeps) {
  let snapshot: LinkPolicy = openPolicy;
  // The share channels' own rules, `marketplace/channel` → mode; one missing follows the share scene.
  let channelSnapshot: ReadonlyMap<string, LinkMode> = new Map();
  let unsubscribe: (() => Promise<void>) | undefined;
  const listeners = new Set<(change: PolicyChange) => void | Promise<void>>();

  // Reloads can overlap (two changes announced back to back) and finish out of order: each takes a
  // number when it starts, and a result is applied only if no later-started reload applied first.
  let started = 0;
  let applied = 0;
  async function reload(): Promise<void> {
    const mine = ++started;
    const [rows, channelRows] = await Promise.all([
      db.query<{ marketplace: string; scene: string; mode: LinkMode }>(`SELECT marketplace, scene, mode FROM link_policy`),
      db.query<{ marketplace: string; channel: string; mode: LinkMode }>(`SELECT marketplace, channel, mode FROM link_share_channel_policy`),
    ]);
    if (mine < applied) return;
    applied = mine;
    snapshot = policyFrom(rows);
    channelSnapshot = new Map(channelRows.map((r) => [`${r.marketplace}/${r.channel}`, r.mode]));
  }

  return {
    /** Loads the policy, then follows every node's changes; a reload that fails is logged, the snapshot kept. */
    async start(log: PolicyLog): Promise<void> {
      await reload();
      unsubscribe = await bus.subscribe(POLICY_TOPIC, () =>
        void reload().catch((err: unknown) => log.warn({ err }, 'reloading the link policy failed; keeping the previous one')),
      );
    },
    async close(): Promise<void> {
      await unsubscribe?.();
    },

    /** The policy now, as this node knows it. */
    current: (): LinkPolicy => snapshot,

    /** What a listing of `marketplace` shared on `channel` becomes now: the channel's own rule, else the share scene's. */
    shareMode: (marketplace: Marketplace, channel: ShareChannel): LinkMode =>
      channelSnapshot.get(`${marketplace}/${channel}`) ?? snapshot[marketplace].share,

    /** Every marketplace × share channel, with its own mode or null (as the share scene). */
    async shareChannelRules(): Promise<ShareChannelRule[]> {
      const rows = await db.query<{ marketplace: Marketplace; channel: ShareChannel; mode: LinkMode; updatedAt: Date; updatedById: string | null }>(
        `SELECT marketplace, channel, mode, updated_at AS "updatedAt", updated_by AS "updatedById" FROM link_share_channel_policy`,
      );
      const names = await displayNames(rows.flatMap((r) => (r.updatedById ? [r.updatedById] : [])));
      const set = new Map(rows.map((r) => [`${r.marketplace}/${r.channel}`, r]));
      return marketplaces.flatMap((marketplace) =>
        shareChannels.map((channel) => {
          const row = set.get(`${marketplace}/${channel}`);
          return {
            marketplace, channel, mode: row?.mode ?? null,
            updatedAt: row ? row.updatedAt.toISOString() : null,
            updatedBy: (row?.updatedById && names.get(row.updatedById)) ?? null,
          };
        }),
      );
    },

    /**
     * Gives a share channel its own mode for a marketplace (null: back to the share scene's), with its
     * audit entry in the same transaction. The table lock queues two operators' changes, so each
     * entry's `before` is what the other left (there may be no row to lock: none means "inherit").
     * A change to what it already is writes nothing.
     */
    async setShareChannel(actor: { id: string; name: string }, marketplace: Marketplace, channel: ShareChannel, mode: LinkMode | null): Promise<boolean> {
      const changed = await db.transaction(async (tx) => {
        await tx.query(`LOCK TABLE link_share_channel_policy IN SHARE ROW EXCLUSIVE MODE`);
        const [row] = await tx.query<{ mode: LinkMode }>(`SELECT mode FROM link_share_channel_policy WHERE marketplace = $1 AND channel = $2`, [marketplace, channel]);
        const before = row?.mode ?? null;
        if (before === mode) return false;
        if (mode === null) await tx.query(`DELETE FROM link_share_channel_policy WHERE marketplace = $1 AND channel = $2`, [marketplace, channel]);
        else
          await tx.query(
            `INSERT INTO link_share_channel_policy (marketplace, channel, mode, updated_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (marketplace, channel) DO UPDATE SET mode = EXCLUDED.mode, updated_at = now(), updated_by = EXCLUDED.updated_by`,
            [marketplace, channel, mode, actor.id],
          );
        await tx.query(
          `INSERT INTO link_policy_audit (id, marketplace, scene, channel, before, after, actor_id, actor_name) VALUES ($1, $2, 'share', $3, $4, $5, $6, $7)`,
          [newId(), marketplace, channel, before ?? 'inherit', mode ?? 'inherit', actor.id, actor.name],
        );
        return true;
      });
      if (!changed) return false;
      await reload();
      await bus.publish(POLICY_TOPIC, { marketplace, scene: 'share', channel });
      return true;
    },

    async rules(): Promise<PolicyRule[]> {
      const rows = await db.query<{ marketplace: Marketplace; scene: LinkScene; mode: LinkMode; updatedAt: Date; updatedById: string | null }>(
        `SELECT marketplace, scene, mode, updated_at AS "updatedAt", updated_by AS "updatedById" FROM link_policy`,
      );
      const names = await displayNames(rows.flatMap((r) => (r.updatedById ? [r.updatedById] : [])));
      const set = new Map(rows.map((r) => [`${r.marketplace}/${r.scene}`, r]));
      return Object.entries(snapshot).flatMap(([marketplace, scenes]) =>
        Object.keys(scenes).map((scene) => {
          const row = set.get(`${marketplace}/${scene}`);
          return {
            marketplace: marketplace as Marketplace,
            scene: scene as LinkScene,
            mode: row?.mode ?? 'link',
            updatedAt: row ? row.updatedAt.toISOString() : null,
            updatedBy: (row?.updatedById && names.get(row.updatedById)) ?? null,
          };
        }),
      );
    },

    /**
     * Sets one rule and writes its audit entry in the same transaction (the row lock on the rule
     * makes two operators' changes queue, so each entry's `before` is what the other left).
     * A change to the mode it already has is a no-op and writes nothing.
     */
    async set(actor: { id: string; name: string }, marketplace: Marketplace, scene: LinkScene, mode: LinkMode): Promise<PolicyChange | null> {
      const change = await db.transaction(async (tx) => {
        // Make sure the row exists so FOR UPDATE has something to lock, then lock it.
        await tx.query(
          `INSERT INTO link_policy (marketplace, scene, mode, updated_by) VALUES ($1, $2, 'link', NULL) ON CONFLICT DO NOTHING`,
          [marketplace, scene],
        );
        const [row] = await tx.query<{ mode: LinkMode }>(
          `SELECT mode FROM link_policy WHERE marketplace = $1 AND scene = $2 FOR UPDATE`,
          [marketplace, scene],
        );
        const before = row!.mode;
        if (before === mode) return null;
        await tx.query(`UPDATE link_policy SET mode = $3, updated_at = now(), updated_by = $4 WHERE marketplace = $1 AND scene = $2`, [
          marketplace, scene, mode, actor.id,
        ]);
        await tx.query(
          `INSERT INTO link_policy_audit (id, marketplace, scene, before, after, actor_id, actor_name) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [newId(), marketplace, scene, before, mode, actor.id, actor.name],
        );
        return { marketplace, scene, before, after: mode };
      });
      if (!change) return null;
      await reload();
      await bus.publish(POLICY_TOPIC, { marketplace, scene });
      for (const listener of listeners) await listener(change);
      return change;
    },

    /** Newest first. */
    async audit(query: PageQuery) {
      const ks = keyset(query, { key: 'at', keyType: 'timestamptz', descending: true }, 1);
      const { items, next } = ks.page(
        await db.query<KeysetRow & {
          id: string; marketplace: Marketplace; scene: LinkScene; channel: ShareChannel | null; before: LinkMode | 'inherit'; after: LinkMode | 'inherit';
          actorId: string | null; actorName: string; at: Date;
        }>(
          `SELECT id, marketplace, scene, channel, before, after, actor_id AS "actorId", actor_name AS "actorName", at, ${ks.keyColumns}
           FROM link_policy_audit WHERE true ${ks.where} ${ks.orderLimit}`,
          ks.params,
        ),
      );
      return { entries: items.map((r) => ({ ...r, at: r.at.toISOString() })), next };
    },

    /** Called on the node that made a change, after it is committed (e.g. to refresh live carts). */
    onChange(listener: (change: PolicyChange) => void | Promise<void>): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type LinkPolicyService = ReturnType<typeof createLinkPolicy>;
