import type { WriteKeyRecord, WriteKeyRepository } from '../../src/core/ports'
import type { Queryable } from '../db/driver'
import { iso } from './rows'

/** Idempotency keys of the consultation's creations (proposals, contributions, votes, …), in SQL. */

interface WriteKeyRow {
  user_id: string
  kind: string
  key: string
  fingerprint: string
  object_id: string
  created_at: unknown
}

export function toWriteKey(r: WriteKeyRow): WriteKeyRecord {
  return { userId: r.user_id, key: r.key, kind: r.kind, fingerprint: r.fingerprint, objectId: r.object_id, at: iso(r.created_at) }
}

export async function findWriteKey(q: Queryable, userId: string, kind: string, key: string): Promise<WriteKeyRecord | null> {
  const [row] = await q.query<WriteKeyRow>(
    'SELECT user_id, kind, key, fingerprint, object_id, created_at FROM write_keys WHERE user_id = $1 AND kind = $2 AND key = $3',
    [userId, kind, key],
  )
  return row ? toWriteKey(row) : null
}

/**
 * Claim a key; false when it is taken. As with the reports' idempotency keys, an insert racing
 * another transaction's uncommitted insert of the same key waits on the primary key until that one
 * ends, then does nothing — so the loser reads the winner's record.
 */
export async function claimWriteKey(q: Queryable, k: WriteKeyRecord): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO write_keys (user_id, kind, key, fingerprint, object_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (user_id, kind, key) DO NOTHING RETURNING key`,
    [k.userId, k.kind, k.key, k.fingerprint, k.objectId, k.at],
  )
  return rows.length === 1
}

export function writeKeyRepository(q: Queryable): WriteKeyRepository {
  return {
    find: (userId, kind, key) => findWriteKey(q, userId, kind, key),
    claim: (record) => claimWriteKey(q, record),
  }
}
