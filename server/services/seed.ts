import { actorOf } from '../../src/domain/actor'
import {
  DEMO_BUILDINGS,
  DEMO_CATEGORIES,
  DEMO_COMMUNITY,
  DEMO_DEPARTMENTS,
  DEMO_GRIDS,
  DEMO_MESSAGES,
  DEMO_NOTICES,
  DEMO_REPLY_TEMPLATES,
  DEMO_REPORTS,
  DEMO_USERS,
} from '../../src/domain/demo-community'
import type { Database, Queryable } from '../db/driver'
import { HttpError } from '../errors'
import { findUser } from '../repositories/users'
import { reportThreadId } from '../../src/domain/messages'
import { postMessage } from './messages'
import { publishNotice } from './notices'
import { applyMove, createReport } from './reports'

/** The prefix of the demo community's report numbers (YY-20261121-0007). */
const DEMO_PREFIX = 'YY'

/**
 * Load the demo community (映月社区): places, people, reply templates, and the report stories
 * replayed through the same code every request goes through (decideMove), with times relative to
 * `now`. Does nothing when the community exists. Returns whether it seeded.
 */
export async function seedDemo(db: Database, now: Date = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Two servers starting on one empty PostgreSQL: the second waits here, then sees the community.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [7_270_515])
    const [exists] = await tx.query('SELECT 1 FROM communities WHERE id = $1', [DEMO_COMMUNITY.id])
    if (exists) return false
    await insertDirectory(tx, now)
    const reportIds = await replayStories(tx, now)
    await publishNotices(tx, now)
    await postMessages(tx, now, reportIds)
    return true
  })
}

async function insertDirectory(tx: Queryable, now: Date): Promise<void> {
  const c = DEMO_COMMUNITY
  // created_at in the past: the demo community stays the oldest, so the default for WeChat users.
  await tx.query('INSERT INTO communities (id, name, kind, district, report_prefix, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    c.id,
    c.name,
    c.kind,
    c.district,
    DEMO_PREFIX,
    new Date(now.getTime() - 365 * 86_400_000).toISOString(),
  ])
  for (const [i, g] of DEMO_GRIDS.entries()) {
    await tx.query('INSERT INTO grids (id, community_id, name, position) VALUES ($1, $2, $3, $4)', [g.id, g.communityId, g.name, i])
  }
  for (const [i, b] of DEMO_BUILDINGS.entries()) {
    await tx.query('INSERT INTO buildings (id, community_id, grid_id, name, rooms, position) VALUES ($1, $2, $3, $4, $5::text[], $6)', [
      b.id,
      b.communityId,
      b.gridId,
      b.name,
      b.rooms,
      i,
    ])
  }
  for (const [i, d] of DEMO_DEPARTMENTS.entries()) {
    await tx.query('INSERT INTO departments (id, community_id, name, position) VALUES ($1, $2, $3, $4)', [d.id, d.communityId, d.name, i])
  }
  for (const [i, cat] of DEMO_CATEGORIES.entries()) {
    await tx.query(
      `INSERT INTO categories (id, community_id, name, guidance, deadline_hours, emergency_phone, emergency_message, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [cat.id, c.id, cat.name, cat.guidance, cat.deadlineHours, cat.emergency?.phone ?? null, cat.emergency?.message ?? null, i],
    )
  }
  for (const [i, u] of DEMO_USERS.entries()) {
    await tx.query(
      `INSERT INTO users (id, community_id, name, phone, roles, home_building_id, home_room, grid_ids, leads_building_ids, description, demo, created_at)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8::text[], $9::text[], $10, true, $11)`,
      [
        u.id,
        c.id,
        u.name,
        u.phone,
        u.roles,
        u.home?.buildingId ?? null,
        u.home?.room ?? null,
        u.gridIds,
        u.leadsBuildingIds,
        u.description,
        // Listed on the sign-in screen in the order of the seed.
        new Date(now.getTime() - 365 * 86_400_000 + i * 1000).toISOString(),
      ],
    )
  }
  for (const [i, t] of DEMO_REPLY_TEMPLATES.entries()) {
    await tx.query('INSERT INTO reply_templates (id, community_id, title, body, position) VALUES ($1, $2, $3, $4, $5)', [t.id, c.id, t.title, t.text, i])
  }
}

async function actorFor(tx: Queryable, id: string) {
  const user = await findUser(tx, id)
  if (!user) throw new Error(`demo story names an unknown user ${id}`)
  return actorOf(user)
}

/** The report stories; answers each story's report id by its key. */
async function replayStories(tx: Queryable, now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  for (const story of DEMO_REPORTS) {
    const filedAt = new Date(now.getTime() - story.ageHours * 3_600_000)
    let report = await createReport(
      tx,
      await actorFor(tx, story.by),
      { categoryId: story.categoryId, description: story.description, photoIds: [], location: story.location, anonymous: story.anonymous },
      filedAt,
    )
    for (const step of story.steps) {
      const at = new Date(filedAt.getTime() + step.afterHours * 3_600_000)
      try {
        report = await applyMove(tx, await actorFor(tx, step.by), report, step.move, { note: step.note, reason: step.reason, assignee: step.assignee, rating: step.rating }, at)
      } catch (error) {
        const message = error instanceof HttpError ? error.message : String(error)
        throw new Error(`demo story ${story.key} breaks a rule at ${step.move}: ${message}`)
      }
    }
    ids.set(story.key, report.id)
  }
  return ids
}

/** The demo notices, published through the rules every request obeys. */
async function publishNotices(tx: Queryable, now: Date): Promise<void> {
  for (const n of DEMO_NOTICES) {
    const at = new Date(now.getTime() - n.ageHours * 3_600_000)
    const expiresAt = n.expiresAfterHours === undefined ? undefined : new Date(at.getTime() + n.expiresAfterHours * 3_600_000).toISOString()
    try {
      await publishNotice(
        tx,
        await actorFor(tx, n.by),
        { title: n.title, body: n.body, scope: n.scope, urgent: n.urgent, pinned: n.pinned, ...(expiresAt ? { expiresAt } : {}) },
        at,
      )
    } catch (error) {
      throw new Error(`demo notice ${n.key} breaks a rule: ${error instanceof HttpError ? error.message : String(error)}`)
    }
  }
}

/** The demo messages, posted on their report's thread through the rules every request obeys. */
async function postMessages(tx: Queryable, now: Date, reportIds: Map<string, string>): Promise<void> {
  for (const m of DEMO_MESSAGES) {
    const reportId = reportIds.get(m.reportKey)
    if (!reportId) throw new Error(`demo message names an unknown report story ${m.reportKey}`)
    try {
      await postMessage(tx, await actorFor(tx, m.by), reportThreadId(reportId), m.body, new Date(now.getTime() - m.ageHours * 3_600_000))
    } catch (error) {
      throw new Error(`demo message on ${m.reportKey} breaks a rule: ${error instanceof HttpError ? error.message : String(error)}`)
    }
  }
}
