import type { Building, Category, Community, Department, Grid } from '../../types/domain'
import type { Queryable } from '../db/driver'

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
