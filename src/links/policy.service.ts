import type { Db } from '../platform/db/db.port';
import type { Bus } from '../platform/bus/bus.port';
import { newId } from '../kernel/ids';
import type { LinkMode, LinkPolicy, LinkScene, Marketplace } from '../contracts/links.schemas';
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
export function createLinkPolicy({ db, bus }: { db: Db; bus: Bus }) {
  let snapshot: LinkPolicy = openPolicy;
  let unsubscribe: (() => Promise<void>) | undefined;
  const listeners = new Set<(change: PolicyChange) => void | Promise<void>>();

  async function reload(): Promise<void> {
    const rows = await db.query<{ marketplace: string; scene: string; mode: LinkMode }>(`SELECT marketplace, scene, mode FROM link_policy`);
    snapshot = policyFrom(rows);
  }

  return {
    async start(): Promise<void> {
      await reload();
      unsubscribe = await bus.subscribe(POLICY_TOPIC, () => void reload().catch(() => {}));
    },
    async close(): Promise<void> {
      await unsubscribe?.();
    },

    /** The policy now, as this node knows it. */
    current: (): LinkPolicy => snapshot,

    async rules(): Promise<PolicyRule[]> {
      const rows = await db.query<{ marketplace: Marketplace; scene: LinkScene; mode: LinkMode; updatedAt: Date; updatedBy: string | null }>(
        `SELECT p.marketplace, p.scene, p.mode, p.updated_at AS "updatedAt", u.display_name AS "updatedBy"
         FROM link_policy p LEFT JOIN users u ON u.id = p.updated_by`,
      );
      const set = new Map(rows.map((r) => [`${r.marketplace}/${r.scene}`, r]));
      return Object.entries(snapshot).flatMap(([marketplace, scenes]) =>
        Object.keys(scenes).map((scene) => {
          const row = set.get(`${marketplace}/${scene}`);
          return {
            marketplace: marketplace as Marketplace,
            scene: scene as LinkScene,
            mode: row?.mode ?? 'link',
            updatedAt: row ? row.updatedAt.toISOString() : null,
            updatedBy: row?.updatedBy ?? null,
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

    async audit(limit: number) {
      const rows = await db.query<{
        id: string; marketplace: Marketplace; scene: LinkScene; before: LinkMode; after: LinkMode; actorId: string | null; actorName: string; at: Date;
      }>(
        `SELECT id, marketplace, scene, before, after, actor_id AS "actorId", actor_name AS "actorName", at
         FROM link_policy_audit ORDER BY at DESC, id LIMIT $1`,
        [limit],
      );
      return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
    },

    /** Called on the node that made a change, after it is committed (e.g. to refresh live carts). */
    onChange(listener: (change: PolicyChange) => void | Promise<void>): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type LinkPolicyService = ReturnType<typeof createLinkPolicy>;
