import type { Building, Category, Community, CommunitySummary, Department, Grid, Street } from '../../types/domain'
import type { CommunityRecord, CommunitySetup, DirectoryRepository, ReplyTemplate } from '../../src/core/ports'
import { roomKey, type StructurePlan, type StructureUsage } from '../../src/domain/structure'
import { inOneUnit, type Queryable } from '../db/driver'

/**
 * Streets, communities and their structure in SQL. Names sort in code-point order (COLLATE "C"),
 * as ids do, so every installation (and the memory store) lists them alike.
 */

interface CommunityRow {
  id: string
  name: string
  kind: Community['kind']
  district: string
  street_id: string
  street_name: string
  report_prefix: string
  join_code: string
}

const COMMUNITY_COLUMNS = 'c.id, c.name, c.kind, c.district, c.street_id, s.name AS street_name, c.report_prefix, c.join_code'
const COMMUNITY_FROM = 'communities c JOIN streets s ON s.id = c.street_id'
const BY_NAME = 'ORDER BY c.name COLLATE "C", c.id'

const toCommunity = (r: CommunityRow): Community => ({ id: r.id, name: r.name, kind: r.kind, district: r.district, streetId: r.street_id, streetName: r.street_name })
const toRecord = (r: CommunityRow): CommunityRecord => ({ ...toCommunity(r), reportPrefix: r.report_prefix, joinCode: r.join_code })
const toSummary = (r: CommunityRow): CommunitySummary => ({ id: r.id, name: r.name, kind: r.kind, district: r.district, streetName: r.street_name })

async function oneCommunity(q: Queryable, where: string, params: unknown[]): Promise<CommunityRow | null> {
  const [row] = await q.query<CommunityRow>(`SELECT ${COMMUNITY_COLUMNS} FROM ${COMMUNITY_FROM} WHERE ${where}`, params)
  return row ?? null
}

export async function findCommunity(q: Queryable, id: string): Promise<Community | null> {
  const row = await oneCommunity(q, 'c.id = $1', [id])
  return row ? toCommunity(row) : null
}

export async function findCommunityRecord(q: Queryable, id: string): Promise<CommunityRecord | null> {
  const row = await oneCommunity(q, 'c.id = $1', [id])
  return row ? toRecord(row) : null
}

export async function findCommunityByName(q: Queryable, district: string, streetName: string, name: string): Promise<CommunityRecord | null> {
  const row = await oneCommunity(q, 's.district = $1 AND s.name = $2 AND c.name = $3', [district, streetName, name])
  return row ? toRecord(row) : null
}

/** The community of a code (社区码), in any case (the unique index is on upper(join_code)). */
export async function findCommunityByCode(q: Queryable, code: string): Promise<CommunitySummary | null> {
  const row = await oneCommunity(q, 'upper(c.join_code) = upper($1)', [code])
  return row ? toSummary(row) : null
}

export async function findCommunityByPrefix(q: Queryable, prefix: string): Promise<string | null> {
  const [row] = await q.query<{ id: string }>('SELECT id FROM communities WHERE report_prefix = $1', [prefix])
  return row?.id ?? null
}

/** A search term as an ILIKE pattern matching it anywhere, as text: `%`, `_` and `\` escaped. */
export const containsPattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/**
 * Communities whose name or street name contains every term (case-insensitive), by name then id.
 * One condition per term: (name ILIKE p OR street ILIKE p).
 */
export async function searchCommunities(q: Queryable, terms: readonly string[], limit: number): Promise<CommunitySummary[]> {
  if (terms.length === 0) return []
  const params: unknown[] = terms.map(containsPattern)
  const where = terms.map((_, i) => `(c.name ILIKE $${i + 1} ESCAPE '\\' OR s.name ILIKE $${i + 1} ESCAPE '\\')`).join(' AND ')
  params.push(limit)
  const rows = await q.query<CommunityRow>(`SELECT ${COMMUNITY_COLUMNS} FROM ${COMMUNITY_FROM} WHERE ${where} ${BY_NAME} LIMIT $${params.length}`, params)
  return rows.map(toSummary)
}

export async function findStreet(q: Queryable, id: string): Promise<Street | null> {
  const [row] = await q.query<Street>('SELECT id, name, district FROM streets WHERE id = $1', [id])
  return row ?? null
}

export async function findStreetByName(q: Queryable, district: string, name: string): Promise<Street | null> {
  const [row] = await q.query<Street>('SELECT id, name, district FROM streets WHERE district = $1 AND name = $2', [district, name])
  return row ?? null
}

export async function listStreetCommunities(q: Queryable, streetId: string): Promise<Community[]> {
  const rows = await q.query<CommunityRow>(`SELECT ${COMMUNITY_COLUMNS} FROM ${COMMUNITY_FROM} WHERE c.street_id = $1 ${BY_NAME}`, [streetId])
  return rows.map(toCommunity)
}

/** Insert or update a street by id (name and district). */
async function saveStreet(q: Queryable, street: Street, at: string): Promise<void> {
  await q.query(
    `INSERT INTO streets (id, name, district, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, district = EXCLUDED.district`,
    [street.id, street.name, street.district, at],
  )
}

/**
 * Insert or update a community's own record and its street, by id. An update keeps the report
 * counter (report_seq) and the creation time; a new community starts its counter at 0.
 */
export async function saveCommunity(q: Queryable, record: CommunityRecord, street: Street, at: string): Promise<void> {
  await inOneUnit(q, async (tx) => {
    await saveStreet(tx, street, at)
    await tx.query(
      `INSERT INTO communities (id, name, kind, district, street_id, report_prefix, join_code, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, district = EXCLUDED.district,
         street_id = EXCLUDED.street_id, report_prefix = EXCLUDED.report_prefix, join_code = EXCLUDED.join_code`,
      [record.id, record.name, record.kind, record.district, street.id, record.reportPrefix, record.joinCode, at],
    )
  })
}

/**
 * What a community's records name, in one statement (StructureUsage):
 * - grids: reports' grids, and the grids its grid workers serve;
 * - buildings: reports' buildings and the households they were filed for, homes, the buildings its
 *   leaders lead, and household claims of any status (a claim keeps its building: it is where
 *   someone lived, and its foreign key holds the building);
 * - rooms: homes, the households reports were filed for, and pending or approved claims (a
 *   rejected, withdrawn or ended claim is history and does not keep a room in the list), and the
 *   households of bookings of any status (a booking's foreign key holds its building, and a
 *   household's no-shows and limits count its bookings);
 * - categories: how many of its reports are of each;
 * - departments: the departments reports are assigned to (reports.assignee).
 */
export async function structureUsage(q: Queryable, communityId: string): Promise<StructureUsage> {
  const rows = await q.query<{ kind: string; id: string; room: string | null; n: number }>(
    `SELECT 'grid' AS kind, grid_id AS id, NULL AS room, 0 AS n FROM reports WHERE community_id = $1
     UNION SELECT 'grid', g, NULL, 0 FROM users, unnest(grid_ids) AS g WHERE community_id = $1
     UNION SELECT 'building', building_id, NULL, 0 FROM reports WHERE community_id = $1 AND building_id IS NOT NULL
     UNION SELECT 'room', beneficiary_building_id, beneficiary_room, 0 FROM reports WHERE community_id = $1 AND beneficiary_building_id IS NOT NULL
     UNION SELECT 'room', home_building_id, home_room, 0 FROM users WHERE community_id = $1 AND home_building_id IS NOT NULL
     UNION SELECT 'building', b, NULL, 0 FROM users, unnest(leads_building_ids) AS b WHERE community_id = $1
     UNION SELECT 'building', building_id, NULL, 0 FROM household_claims WHERE community_id = $1
     UNION SELECT 'room', building_id, room, 0 FROM household_claims WHERE community_id = $1 AND status IN ('pending', 'approved')
     UNION SELECT 'room', building_id, room, 0 FROM bookings WHERE community_id = $1
     UNION SELECT 'department', assignee->>'id', NULL, 0 FROM reports WHERE community_id = $1 AND assignee->>'kind' = 'department'
     UNION SELECT 'category', category_id, NULL, count(*)::int FROM reports WHERE community_id = $1 GROUP BY category_id`,
    [communityId],
  )
  const usage: StructureUsage = { gridIds: new Set(), buildingIds: new Set(), rooms: new Set(), categoryIds: new Map(), departmentIds: new Set() }
  for (const r of rows) {
    if (r.kind === 'grid') usage.gridIds.add(r.id)
    else if (r.kind === 'building') usage.buildingIds.add(r.id)
    else if (r.kind === 'room') {
      usage.buildingIds.add(r.id)
      usage.rooms.add(roomKey(r.id, r.room ?? ''))
    } else if (r.kind === 'department') usage.departmentIds.add(r.id)
    else if (r.kind === 'category') usage.categoryIds.set(r.id, Number(r.n))
  }
  return usage
}

/**
 * Write a community's structure as planned: every target row inserted or updated by id (its
 * position its index in the target), then the removed ids deleted — buildings before grids, and
 * only the community's own. One statement per table and step (unnest), whatever the size; in one
 * unit, so the deferred name constraints see only the structure it leaves.
 */
export async function saveStructure(q: Queryable, communityId: string, plan: Pick<StructurePlan, 'target' | 'removed'>): Promise<void> {
  const { target: t, removed: r } = plan
  await inOneUnit(q, async (tx) => {
    await tx.query(
      `INSERT INTO grids (id, community_id, name, position)
       SELECT id, $1, name, position - 1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS g(id, name, position)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position WHERE grids.community_id = EXCLUDED.community_id`,
      [communityId, t.grids.map((g) => g.id), t.grids.map((g) => g.name)],
    )
    await tx.query(
      `INSERT INTO buildings (id, community_id, grid_id, name, rooms, position)
       SELECT id, $1, grid_id, name, ARRAY(SELECT jsonb_array_elements_text(rooms)), position - 1
       FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[]) WITH ORDINALITY AS b(id, grid_id, name, rooms, position)
       ON CONFLICT (id) DO UPDATE SET grid_id = EXCLUDED.grid_id, name = EXCLUDED.name, rooms = EXCLUDED.rooms, position = EXCLUDED.position
         WHERE buildings.community_id = EXCLUDED.community_id`,
      [communityId, t.buildings.map((b) => b.id), t.buildings.map((b) => b.gridId), t.buildings.map((b) => b.name), t.buildings.map((b) => JSON.stringify(b.rooms))],
    )
    await tx.query(
      `INSERT INTO departments (id, community_id, name, position)
       SELECT id, $1, name, position - 1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS d(id, name, position)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, position = EXCLUDED.position WHERE departments.community_id = EXCLUDED.community_id`,
      [communityId, t.departments.map((d) => d.id), t.departments.map((d) => d.name)],
    )
    await tx.query(
      `${CATEGORY_INSERT}
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, guidance = EXCLUDED.guidance, deadline_hours = EXCLUDED.deadline_hours,
         emergency_phone = EXCLUDED.emergency_phone, emergency_message = EXCLUDED.emergency_message, position = EXCLUDED.position
         WHERE categories.community_id = EXCLUDED.community_id`,
      categoryParams(communityId, t.categories),
    )
    await tx.query(
      `${TEMPLATE_INSERT}
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, position = EXCLUDED.position
         WHERE reply_templates.community_id = EXCLUDED.community_id`,
      templateParams(communityId, t.replyTemplates),
    )
    // Nothing of the target names a removed row; buildings go before the grids they were in.
    const deletions: Array<[string, readonly string[]]> = [
      ['reply_templates', r.replyTemplateIds],
      ['categories', r.categoryIds],
      ['departments', r.departmentIds],
      ['buildings', r.buildingIds],
      ['grids', r.gridIds],
    ]
    for (const [table, ids] of deletions) {
      if (ids.length) await tx.query(`DELETE FROM ${table} WHERE community_id = $1 AND id = ANY($2::text[])`, [communityId, [...ids]])
    }
  })
}

const CATEGORY_INSERT = `INSERT INTO categories (id, community_id, name, guidance, deadline_hours, emergency_phone, emergency_message, position)
  SELECT id, $1, name, guidance, deadline_hours, emergency_phone, emergency_message, position - 1
  FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::text[])
    WITH ORDINALITY AS k(id, name, guidance, deadline_hours, emergency_phone, emergency_message, position)`

const categoryParams = (communityId: string, categories: readonly Category[]): unknown[] => [
  communityId,
  categories.map((k) => k.id),
  categories.map((k) => k.name),
  categories.map((k) => k.guidance),
  categories.map((k) => k.deadlineHours),
  categories.map((k) => k.emergency?.phone ?? null),
  categories.map((k) => k.emergency?.message ?? null),
]

const TEMPLATE_INSERT = `INSERT INTO reply_templates (id, community_id, title, body, position)
  SELECT id, $1, title, body, position - 1 FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(id, title, body, position)`

const templateParams = (communityId: string, templates: readonly ReplyTemplate[]): unknown[] => [
  communityId,
  templates.map((t) => t.id),
  templates.map((t) => t.title),
  templates.map((t) => t.text),
]

export async function listGrids(q: Queryable, communityId: string): Promise<Grid[]> {
  return q.query<Grid>('SELECT id, community_id AS "communityId", name FROM grids WHERE community_id = $1 ORDER BY position, id', [communityId])
}

export async function listBuildings(q: Queryable, communityId: string): Promise<Building[]> {
  return q.query<Building>(
    'SELECT id, community_id AS "communityId", grid_id AS "gridId", name, rooms FROM buildings WHERE community_id = $1 ORDER BY position, id',
    [communityId],
  )
}

export async function findBuilding(q: Queryable, id: string): Promise<Building | null> {
  const [row] = await q.query<Building>('SELECT id, community_id AS "communityId", grid_id AS "gridId", name, rooms FROM buildings WHERE id = $1', [id])
  return row ?? null
}

export async function listDepartments(q: Queryable, communityId: string): Promise<Department[]> {
  return q.query<Department>('SELECT id, community_id AS "communityId", name FROM departments WHERE community_id = $1 ORDER BY position, id', [
    communityId,
  ])
}

interface CategoryRow {
  id: string
  name: string
  guidance: string
  deadline_hours: number
  emergency_phone: string | null
  emergency_message: string | null
}

export async function listCategories(q: Queryable, communityId: string): Promise<Category[]> {
  const rows = await q.query<CategoryRow>(
    'SELECT id, name, guidance, deadline_hours, emergency_phone, emergency_message FROM categories WHERE community_id = $1 ORDER BY position, id',
    [communityId],
  )
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    guidance: r.guidance,
    deadlineHours: Number(r.deadline_hours),
    ...(r.emergency_phone ? { emergency: { phone: r.emergency_phone, message: r.emergency_message ?? '' } } : {}),
  }))
}

export async function listReplyTemplates(q: Queryable, communityId: string): Promise<ReplyTemplate[]> {
  return q.query('SELECT id, title, body AS text FROM reply_templates WHERE community_id = $1 ORDER BY position, id', [communityId])
}

/** Serialises community creation across processes (two servers seeding one empty PostgreSQL). */
const CREATE_COMMUNITY_LOCK = 7_270_515

/**
 * Insert a community with its structure and people, unless it exists. In a transaction of its own
 * when `q` is the database; a second writer waits on the advisory lock, then sees the community.
 */
export async function createCommunity(q: Queryable, setup: CommunitySetup, at: string): Promise<boolean> {
  const run = async (tx: Queryable): Promise<boolean> => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [CREATE_COMMUNITY_LOCK])
    const [exists] = await tx.query('SELECT 1 FROM communities WHERE id = $1', [setup.community.id])
    if (exists) return false
    await insertSetup(tx, setup, at)
    return true
  }
  return inOneUnit(q, run)
}

async function insertSetup(tx: Queryable, s: CommunitySetup, at: string): Promise<void> {
  const c = s.community
  const base = Date.parse(at)
  // The street may exist already (another of its communities): kept as it is.
  await tx.query('INSERT INTO streets (id, name, district, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [
    s.street.id,
    s.street.name,
    s.street.district,
    at,
  ])
  await tx.query('INSERT INTO communities (id, name, kind, district, street_id, report_prefix, join_code, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    c.id,
    c.name,
    c.kind,
    c.district,
    s.street.id,
    s.reportPrefix,
    s.joinCode,
    at,
  ])
  // One statement per table (unnest), whatever the size of the community.
  await tx.query(
    `INSERT INTO grids (id, community_id, name, position)
     SELECT id, $1, name, position - 1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS g(id, name, position)`,
    [c.id, s.grids.map((g) => g.id), s.grids.map((g) => g.name)],
  )
  await tx.query(
    `INSERT INTO buildings (id, community_id, grid_id, name, rooms, position)
     SELECT id, $1, grid_id, name, ARRAY(SELECT jsonb_array_elements_text(rooms)), position - 1
     FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[]) WITH ORDINALITY AS b(id, grid_id, name, rooms, position)`,
    [c.id, s.buildings.map((b) => b.id), s.buildings.map((b) => b.gridId), s.buildings.map((b) => b.name), s.buildings.map((b) => JSON.stringify(b.rooms))],
  )
  await tx.query(
    `INSERT INTO departments (id, community_id, name, position)
     SELECT id, $1, name, position - 1 FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS d(id, name, position)`,
    [c.id, s.departments.map((d) => d.id), s.departments.map((d) => d.name)],
  )
  await tx.query(CATEGORY_INSERT, categoryParams(c.id, s.categories))
  await tx.query(TEMPLATE_INSERT, templateParams(c.id, s.replyTemplates))
  // People from outside the community (a newcomer, a street officer) are in none. Someone with a
  // home has lived there since they were set up; the first set up in each household is its
  // representative (户代表), as the first verified member of a household becomes it.
  const homes = new Set<string>()
  const representative = s.people.map((p) => {
    if (!p.home || p.outside) return false
    const key = roomKey(p.home.buildingId, p.home.room)
    if (homes.has(key)) return false
    homes.add(key)
    return true
  })
  await tx.query(
    `INSERT INTO users (id, community_id, street_id, name, phone, roles, home_building_id, home_room, home_since, representative,
       grid_ids, leads_building_ids, description, demo, created_at)
     SELECT id, CASE WHEN outside THEN NULL ELSE $1 END, street_id, name, phone, ARRAY(SELECT jsonb_array_elements_text(roles)),
       home_building_id, home_room, CASE WHEN home_building_id IS NULL THEN NULL ELSE created_at END, representative,
       ARRAY(SELECT jsonb_array_elements_text(grid_ids)), ARRAY(SELECT jsonb_array_elements_text(leads_building_ids)),
       coalesce(description, ''), description IS NOT NULL, created_at
     FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], $10::text[], $11::timestamptz[],
       $12::boolean[], $13::text[], $14::boolean[])
       AS p(id, name, phone, roles, home_building_id, home_room, grid_ids, leads_building_ids, description, created_at, outside, street_id, representative)`,
    [
      c.id,
      s.people.map((p) => p.id),
      s.people.map((p) => p.name),
      s.people.map((p) => p.phone),
      s.people.map((p) => JSON.stringify(p.roles)),
      s.people.map((p) => p.home?.buildingId ?? null),
      s.people.map((p) => p.home?.room ?? null),
      s.people.map((p) => JSON.stringify(p.gridIds)),
      s.people.map((p) => JSON.stringify(p.leadsBuildingIds)),
      s.people.map((p) => p.description ?? null),
      // Listed (demo sign-in, handlers) in the order of the set-up.
      s.people.map((_, i) => new Date(base + i * 1000).toISOString()),
      s.people.map((p) => Boolean(p.outside)),
      s.people.map((p) => p.streetId ?? null),
      representative,
    ],
  )
}

export function directoryRepository(q: Queryable): DirectoryRepository {
  return {
    createCommunity: (setup, at) => createCommunity(q, setup, at),
    findCommunity: (id) => findCommunity(q, id),
    findCommunityRecord: (id) => findCommunityRecord(q, id),
    findCommunityByName: (district, streetName, name) => findCommunityByName(q, district, streetName, name),
    findCommunityByCode: (code) => findCommunityByCode(q, code),
    findCommunityByPrefix: (prefix) => findCommunityByPrefix(q, prefix),
    searchCommunities: (terms, limit) => searchCommunities(q, terms, limit),
    findStreet: (id) => findStreet(q, id),
    findStreetByName: (district, name) => findStreetByName(q, district, name),
    listStreetCommunities: (streetId) => listStreetCommunities(q, streetId),
    saveCommunity: (record, street, at) => saveCommunity(q, record, street, at),
    structureUsage: (communityId) => structureUsage(q, communityId),
    saveStructure: (communityId, plan) => saveStructure(q, communityId, plan),
    listGrids: (communityId) => listGrids(q, communityId),
    listBuildings: (communityId) => listBuildings(q, communityId),
    findBuilding: (id) => findBuilding(q, id),
    listDepartments: (communityId) => listDepartments(q, communityId),
    listCategories: (communityId) => listCategories(q, communityId),
    listReplyTemplates: (communityId) => listReplyTemplates(q, communityId),
  }
}
