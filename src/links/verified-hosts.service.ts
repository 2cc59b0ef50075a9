import type { Db } from '../platform/db/db.port';
import { keyset, type KeysetRow } from '../platform/db/keyset';
import type { PageQuery } from '../contracts/pagination.schemas';
import { newId } from '../kernel/ids';
import { recogniseOrThrow } from './errors';

/**
 * Hosts the operator has verified. A click-out to an "other" link (no known marketplace) shows the
 * leaving-hutong page first, naming the host, unless its host is here: then it redirects at once,
 * as a marketplace link does. Every verification and withdrawal is audited in the same
 * transaction. Read from the database at each click, so every node agrees at once.
 */
export function createVerifiedHosts({ db }: { db: Db }) {
  /** The host as a click-out compares it: lower case, punycode, with its port when not the default. */
  const hostOf = (input: string): string => new URL(recogniseOrThrow(input).canonicalUrl).host;

  async function change(actor: { id: string; name: string }, host: string, verified: boolean): Promise<boolean> {
    return db.transaction(async (tx) => {
      const rows = verified
        ? await tx.query(`INSERT INTO link_verified_hosts (host, verified_by) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING host`, [host, actor.id])
        : await tx.query(`DELETE FROM link_verified_hosts WHERE host = $1 RETURNING host`, [host]);
      // Verifying a verified host (or withdrawing an unverified one) changes nothing and audits nothing.
      if (rows.length === 0) return false;
      await tx.query(`INSERT INTO link_host_audit (id, host, verified, actor_id, actor_name) VALUES ($1, $2, $3, $4, $5)`, [
        newId(), host, verified, actor.id, actor.name,
      ]);
      return true;
    });
  }

  return {
    hostOf,

    async isVerified(host: string): Promise<boolean> {
      const rows = await db.query(`SELECT 1 FROM link_verified_hosts WHERE host = $1`, [host.toLowerCase()]);
      return rows.length > 0;
    },

    /**
     * Verifies the host of `input` (a host or a whole URL); a private or malformed one is refused
     * with the recognisers' codes (LINKS_URL_HOST_REFUSED…). Answers the host as stored.
     */
    async verify(actor: { id: string; name: string }, input: string): Promise<{ host: string; changed: boolean }> {
      const host = hostOf(input);
      return { host, changed: await change(actor, host, true) };
    },

    async withdraw(actor: { id: string; name: string }, host: string): Promise<{ host: string; changed: boolean }> {
      const normalised = host.toLowerCase();
      return { host: normalised, changed: await change(actor, normalised, false) };
    },

    /** Alphabetical by host. */
    async list(query: PageQuery) {
      const ks = keyset(query, { key: 'host', keyType: 'text', id: 'host', idType: 'text' }, 1);
      const { items, next } = ks.page(
        await db.query<KeysetRow & { host: string; verifiedAt: Date }>(
          `SELECT host, verified_at AS "verifiedAt", ${ks.keyColumns} FROM link_verified_hosts WHERE true ${ks.where} ${ks.orderLimit}`,
          ks.params,
        ),
      );
      return { hosts: items.map((r) => ({ host: r.host, verifiedAt: r.verifiedAt.toISOString() })), next };
    },

    /** Newest first. */
    async audit(query: PageQuery) {
      const ks = keyset(query, { key: 'at', keyType: 'timestamptz', descending: true }, 1);
      const { items, next } = ks.page(
        await db.query<KeysetRow & { id: string; host: string; verified: boolean; actorId: string | null; actorName: string; at: Date }>(
          `SELECT id, host, verified, actor_id AS "actorId", actor_name AS "actorName", at, ${ks.keyColumns}
           FROM link_host_audit WHERE true ${ks.where} ${ks.orderLimit}`,
          ks.params,
        ),
      );
      return { entries: items.map((r) => ({ ...r, at: r.at.toISOString() })), next };
    },
  };
}

export type VerifiedHosts = ReturnType<typeof createVerifiedHosts>;
