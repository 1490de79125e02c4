import type { Building, Category, Community, Department, Grid } from '../../types/domain'
import type { CommunitySetup, DirectoryRepository } from '../../src/core/ports'
import { inOneUnit, type Queryable } from '../db/driver'

export async function findCommunity(q: Queryable, id: string): Promise<Community | null> {
  const [row] = await q.query<Community>('SELECT id, name, kind, district FROM communities WHERE id = $1', [id])
  return row ?? null
}

/** The community a new WeChat user joins until households are bound (the oldest one). */
export async function defaultCommunityId(q: Queryable): Promise<string | null> {
  const [row] = await q.query<{ id: string }>('SELECT id FROM communities ORDER BY created_at, id LIMIT 1')
  return row?.id ?? null
}

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

export async function listReplyTemplates(q: Queryable, communityId: string): Promise<Array<{ id: string; title: string; text: string }>> {
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
  await tx.query('INSERT INTO communities (id, name, kind, district, report_prefix, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    c.id,
    c.name,
    c.kind,
    c.district,
    s.reportPrefix,
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
  await tx.query(
    `INSERT INTO categories (id, community_id, name, guidance, deadline_hours, emergency_phone, emergency_message, position)
     SELECT id, $1, name, guidance, deadline_hours, emergency_phone, emergency_message, position - 1
     FROM unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::text[])
       WITH ORDINALITY AS k(id, name, guidance, deadline_hours, emergency_phone, emergency_message, position)`,
    [
      c.id,
      s.categories.map((k) => k.id),
      s.categories.map((k) => k.name),
      s.categories.map((k) => k.guidance),
      s.categories.map((k) => k.deadlineHours),
      s.categories.map((k) => k.emergency?.phone ?? null),
      s.categories.map((k) => k.emergency?.message ?? null),
    ],
  )
  await tx.query(
    `INSERT INTO reply_templates (id, community_id, title, body, position)
     SELECT id, $1, title, body, position - 1 FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(id, title, body, position)`,
    [c.id, s.replyTemplates.map((t) => t.id), s.replyTemplates.map((t) => t.title), s.replyTemplates.map((t) => t.text)],
  )
  await tx.query(
    `INSERT INTO users (id, community_id, name, phone, roles, home_building_id, home_room, grid_ids, leads_building_ids, description, demo, created_at)
     SELECT id, $1, name, phone, ARRAY(SELECT jsonb_array_elements_text(roles)), home_building_id, home_room,
       ARRAY(SELECT jsonb_array_elements_text(grid_ids)), ARRAY(SELECT jsonb_array_elements_text(leads_building_ids)),
       coalesce(description, ''), description IS NOT NULL, created_at
     FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], $10::text[], $11::timestamptz[])
       AS p(id, name, phone, roles, home_building_id, home_room, grid_ids, leads_building_ids, description, created_at)`,
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
    ],
  )
}

export function directoryRepository(q: Queryable): DirectoryRepository {
  return {
    createCommunity: (setup, at) => createCommunity(q, setup, at),
    findCommunity: (id) => findCommunity(q, id),
    defaultCommunityId: () => defaultCommunityId(q),
    listGrids: (communityId) => listGrids(q, communityId),
    listBuildings: (communityId) => listBuildings(q, communityId),
    findBuilding: (id) => findBuilding(q, id),
    listDepartments: (communityId) => listDepartments(q, communityId),
    listCategories: (communityId) => listCategories(q, communityId),
    listReplyTemplates: (communityId) => listReplyTemplates(q, communityId),
  }
}
