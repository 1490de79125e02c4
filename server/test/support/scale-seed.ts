/**
 * A district's worth of reports, seeded in SQL (INSERT … SELECT over generate_series, in batches):
 * for the query-plan tests and `npm run bench:scale`.
 *
 * The demo community (the one its staff u-zhang works in) holds a fixed `focus` number of reports —
 * a busy community's year, over its grids, categories and residents, every status — and the rest of
 * the `total` is spread over `others` communities of the same district. A community does not grow
 * when its district does: that is what "the same cost at a million reports as at ten thousand" means
 * (every endpoint reads one community, one person or one report).
 *
 * Every report gets its submit step; a resolved or closed one also its resolve step.
 */
import type { Queryable } from '../../db/driver'

export interface ScaleSeed {
  /** Reports in the whole table, the demo community's included. */
  total: number
  /** Of those, in the demo community. */
  focus: number
  /** Communities besides the demo one (default 200). */
  others?: number
  /** The instant the year of reports ends at (default now). */
  until?: Date
}

export interface ScaleSeeded {
  communityId: string
  reports: number
  events: number
  seconds: number
}

const BATCH = 50_000
const YEAR_SECONDS = 365 * 24 * 3600
/** Statuses in proportion: most reports of a year are finished, some open, a few redone. */
const STATUS_CYCLE = ['closed', 'closed', 'closed', 'resolved', 'closed', 'accepted', 'in_progress', 'submitted', 'closed', 'rejected', 'reopened', 'transferred', 'closed', 'merged', 'closed', 'resolved']

export async function seedScale(db: Queryable, options: ScaleSeed): Promise<ScaleSeeded> {
  const started = Date.now()
  const others = options.others ?? 200
  const until = (options.until ?? new Date()).toISOString()
  const [focus] = await db.query<{ id: string }>(`SELECT community_id AS id FROM users WHERE id = 'u-zhang'`)
  if (!focus) throw new Error('seedScale needs the demo community (seedDemo first)')
  const [district] = await db.query<{ street_id: string; district: string }>('SELECT street_id, district FROM communities WHERE id = $1', [focus.id])

  // The other communities: one grid, one category, 20 residents each.
  await db.query(
    `INSERT INTO communities (id, name, kind, district, report_prefix, street_id, join_code)
     SELECT 'c-s' || i, '规模社区' || i, 'community', $2, 'S' || i, $3, 'S' || lpad(i::text, 5, '0')
     FROM generate_series(1, $1::int) AS i`,
    [others, district.district, district.street_id],
  )
  await db.query(`INSERT INTO grids (id, community_id, name, position) SELECT 'g-s' || i, 'c-s' || i, '第一网格', 0 FROM generate_series(1, $1::int) AS i`, [others])
  await db.query(
    `INSERT INTO categories (id, community_id, name, deadline_hours, position)
     SELECT 'cat-s' || i, 'c-s' || i, '公共设施', 72, 0 FROM generate_series(1, $1::int) AS i`,
    [others],
  )
  await db.query(
    `INSERT INTO users (id, community_id, name, roles, created_at)
     SELECT 'u-s' || i, 'c-s' || (1 + i % $1::int), '居民' || i, '{resident}', $3::timestamptz
     FROM generate_series(0, $2::int - 1) AS i`,
    [others, others * 20, until],
  )

  const grids = (await db.query<{ id: string }>('SELECT id FROM grids WHERE community_id = $1 ORDER BY id', [focus.id])).map((r) => r.id)
  const categories = (await db.query<{ id: string; name: string }>('SELECT id, name FROM categories WHERE community_id = $1 AND emergency_phone IS NULL ORDER BY id', [focus.id]))
  const residents = (await db.query<{ id: string }>(`SELECT id FROM users WHERE community_id = $1 AND 'resident' = ANY(roles) ORDER BY id`, [focus.id])).map((r) => r.id)

  let made = 0
  const insert = async (count: number, ours: boolean) => {
    for (let offset = 0; offset < count; offset += BATCH) {
      const n = Math.min(BATCH, count - offset)
      const first = made + offset
      await db.query(REPORTS_SQL, [
        first,
        n,
        ours ? focus.id : null,
        others,
        grids,
        categories.map((c) => c.id),
        categories.map((c) => c.name),
        residents,
        STATUS_CYCLE,
        until,
        YEAR_SECONDS,
        ours ? 'YS' : null,
      ])
      await db.query(EVENTS_SQL, [first, n])
    }
    made += count
  }
  await insert(options.focus, true)
  await insert(options.total - options.focus, false)
  await db.query(`UPDATE communities SET report_seq = report_seq + $2 WHERE id = $1`, [focus.id, options.focus])
  await db.query('ANALYZE reports')
  await db.query('ANALYZE report_events')
  const [{ events }] = await db.query<{ events: number }>('SELECT count(*)::int AS events FROM report_events')
  return { communityId: focus.id, reports: made, events, seconds: (Date.now() - started) / 1000 }
}

/**
 * `$1` the first index, `$2` how many; `$3` the demo community or null for the others. A report's
 * filing time steps back through the year from `$10`; its deadline is 72 hours later; an accepted
 * one was accepted 2–26 hours after filing, a resolved one resolved 1–5 days after.
 */
const REPORTS_SQL = `
  INSERT INTO reports (id, number, community_id, grid_id, category_id, category_name, description, location, anonymous,
    reporter_id, reporter_name, status, created_at, updated_at, accepted_at, resolved_at, deadline_at, escalated, rating, reopen_count)
  SELECT 'r_scale_' || i,
    coalesce($12, 'SC') || '-' || i,
    coalesce($3, 'c-s' || (1 + i % $4::int)),
    CASE WHEN $3 IS NULL THEN 'g-s' || (1 + i % $4::int) ELSE ($5::text[])[1 + i % cardinality($5::text[])] END,
    CASE WHEN $3 IS NULL THEN 'cat-s' || (1 + i % $4::int) ELSE ($6::text[])[1 + i % cardinality($6::text[])] END,
    CASE WHEN $3 IS NULL THEN '公共设施' ELSE ($7::text[])[1 + i % cardinality($7::text[])] END,
    '楼道灯不亮了，晚上出入很不方便，请尽快处理。编号' || i,
    '{"kind":"text","address":"小区内"}'::jsonb,
    i % 10 = 0,
    CASE WHEN $3 IS NULL THEN 'u-s' || (i % ($4::int * 20)) ELSE ($8::text[])[1 + i % cardinality($8::text[])] END,
    '居民',
    s.status,
    t.created_at,
    t.created_at + interval '1 day',
    CASE WHEN s.status IN ('submitted', 'rejected') THEN NULL ELSE t.created_at + (2 + i % 25) * interval '1 hour' END,
    CASE WHEN s.status IN ('resolved', 'closed') THEN t.created_at + (1 + i % 5) * interval '1 day' END,
    t.created_at + interval '72 hours',
    i % 37 = 0,
    CASE WHEN s.status = 'closed' THEN jsonb_build_object('level', CASE WHEN i % 9 = 0 THEN 'basically_satisfied' ELSE 'satisfied' END, 'comment', '', 'at', t.created_at)
         WHEN s.status = 'reopened' THEN jsonb_build_object('level', 'unsatisfied', 'comment', '还是不亮', 'at', t.created_at) END,
    CASE WHEN s.status = 'reopened' THEN 1 ELSE 0 END
  FROM generate_series($1::bigint, $1::bigint + $2::bigint - 1) AS i,
    LATERAL (SELECT ($9::text[])[1 + i % cardinality($9::text[])] AS status) AS s,
    LATERAL (SELECT $10::timestamptz - ((i * 7919) % $11::bigint) * interval '1 second' AS created_at) AS t`

const EVENTS_SQL = `
  INSERT INTO report_events (id, report_id, action, from_status, to_status, actor_id, actor_name, actor_role, at, public, community_id)
  SELECT 'e_scale_' || r.id || '_' || k.action, r.id, k.action, k.from_status, k.to_status, r.reporter_id, '居民', k.role,
    CASE k.action WHEN 'submit' THEN r.created_at ELSE r.resolved_at END, true, r.community_id
  FROM reports r
  JOIN LATERAL (VALUES ('submit', NULL, 'submitted', 'resident'), ('resolve', 'in_progress', 'resolved', 'staff')) AS k(action, from_status, to_status, role)
    ON k.action = 'submit' OR r.resolved_at IS NOT NULL
  WHERE r.id IN (SELECT 'r_scale_' || i FROM generate_series($1::bigint, $1::bigint + $2::bigint - 1) AS i)`
