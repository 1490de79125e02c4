import type { BookingQuestion, BookingRules, HouseholdTag, OpeningHours, ScheduleException, Service, ServiceKind } from '../../types/domain'
import type { ServiceRecord, ServiceRepository } from '../../src/core/ports'
import type { Queryable } from '../db/driver'
import { iso, json } from './rows'

/** Bookable services (issue 12) in SQL: what varies in shape (location, rules, hours, …) as jsonb. */

interface ServiceRow {
  id: string
  community_id: string
  name: string
  kind: ServiceKind
  description: string
  location: unknown
  provider: string
  duration_minutes: number
  buffer_minutes: number
  capacity: number
  eligibility: unknown
  questions: unknown
  requires_confirmation: boolean
  rules: unknown
  hours: unknown
  exceptions: unknown
  status: Service['status']
  updated_at: unknown
  created_at: unknown
  created_by_id: string
}

const COLUMNS = `id, community_id, name, kind, description, location, provider, duration_minutes, buffer_minutes, capacity,
  eligibility, questions, requires_confirmation, rules, hours, exceptions, status, updated_at, created_at, created_by_id`

function toService(r: ServiceRow): ServiceRecord {
  return {
    id: r.id,
    communityId: r.community_id,
    name: r.name,
    kind: r.kind,
    description: r.description,
    location: json<Service['location']>(r.location),
    provider: r.provider,
    durationMinutes: Number(r.duration_minutes),
    bufferMinutes: Number(r.buffer_minutes),
    capacity: Number(r.capacity),
    eligibility: json<HouseholdTag[]>(r.eligibility),
    questions: json<BookingQuestion[]>(r.questions),
    requiresConfirmation: r.requires_confirmation,
    rules: json<BookingRules>(r.rules),
    hours: json<OpeningHours[]>(r.hours),
    exceptions: json<ScheduleException[]>(r.exceptions),
    status: r.status,
    updatedAt: iso(r.updated_at),
    createdAt: iso(r.created_at),
    createdById: r.created_by_id,
  }
}

/** The fields `update` replaces, as parameters $2…$17 (after the id). */
const replaced = (s: ServiceRecord) => [
  s.name,
  s.kind,
  s.description,
  JSON.stringify(s.location),
  s.provider,
  s.durationMinutes,
  s.bufferMinutes,
  s.capacity,
  JSON.stringify(s.eligibility),
  JSON.stringify(s.questions),
  s.requiresConfirmation,
  JSON.stringify(s.rules),
  JSON.stringify(s.hours),
  JSON.stringify(s.exceptions),
  s.status,
  s.updatedAt,
]

export function serviceRepository(q: Queryable): ServiceRepository {
  return {
    insert: async (s) => {
      await q.query(
        `INSERT INTO services (id, name, kind, description, location, provider, duration_minutes, buffer_minutes, capacity,
           eligibility, questions, requires_confirmation, rules, hours, exceptions, status, updated_at, community_id, created_at, created_by_id)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $13::jsonb, $14::jsonb, $15::jsonb, $16, $17, $18, $19, $20)`,
        [s.id, ...replaced(s), s.communityId, s.createdAt, s.createdById],
      )
    },
    update: async (s) => {
      await q.query(
        `UPDATE services SET name = $2, kind = $3, description = $4, location = $5::jsonb, provider = $6, duration_minutes = $7,
           buffer_minutes = $8, capacity = $9, eligibility = $10::jsonb, questions = $11::jsonb, requires_confirmation = $12,
           rules = $13::jsonb, hours = $14::jsonb, exceptions = $15::jsonb, status = $16, updated_at = $17
         WHERE id = $1`,
        [s.id, ...replaced(s)],
      )
    },
    find: async (id) => {
      const [row] = await q.query<ServiceRow>(`SELECT ${COLUMNS} FROM services WHERE id = $1`, [id])
      return row ? toService(row) : null
    },
    list: async (communityId, statuses) => {
      const rows = await q.query<ServiceRow>(
        `SELECT ${COLUMNS} FROM services WHERE community_id = $1 AND ($2::text[] IS NULL OR status = ANY ($2::text[])) ORDER BY name, id`,
        [communityId, statuses ? [...statuses] : null],
      )
      return rows.map(toService)
    },
  }
}
