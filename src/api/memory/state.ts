import type { Building, Category, Community, Department, Grid, Id, Message, Notice, Photo, Report, TimelineEvent } from '../../../types/domain'
import {
  DEMO_BUILDINGS,
  DEMO_CATEGORIES,
  DEMO_COMMUNITY,
  DEMO_DEPARTMENTS,
  DEMO_GRIDS,
  DEMO_USERS,
  type DemoUser,
} from '../../domain/demo-community'

/**
 * The shape version of the stored document. A stored state of another version is replaced by a
 * fresh seed (it is demo data): 2 added messages, notices and 代报.
 */
export const MEMORY_SCHEMA = 2

/** Everything the demo backend knows, as one JSON document in storage (photos are kept apart). */
export interface MemoryState {
  schema: typeof MEMORY_SCHEMA
  community: Community
  grids: Grid[]
  buildings: Building[]
  departments: Department[]
  categories: Category[]
  users: DemoUser[]
  reports: Report[]
  events: TimelineEvent[]
  /** Photo metadata; the bytes (a data URL or a saved file path) live under their own key. */
  photos: Record<Id, Omit<Photo, 'url'> & { ownerId: Id }>
  /** `${userId}:${idempotencyKey}` → the report it created and a fingerprint of the body. */
  idempotency: Record<string, { reportId: Id; fingerprint: string }>
  sessions: Record<string, { userId: Id; expiresAt: string }>
  meToo: Record<Id, Id[]>
  seq: number
  /** Every message of every thread, in the order posted. */
  messages: Message[]
  /** `${threadId}|${userId}` → the position (`${at}|${id}`) of the last message that user has seen. */
  threadReads: Record<string, string>
  /** Notices as published (`read` is per viewer, from `noticeReads`). */
  notices: Array<Omit<Notice, 'read'>>
  /** Notice id → the users who have read it. */
  noticeReads: Record<Id, Id[]>
}

export function emptyState(): MemoryState {
  return {
    schema: MEMORY_SCHEMA,
    community: DEMO_COMMUNITY,
    grids: DEMO_GRIDS,
    buildings: DEMO_BUILDINGS,
    departments: DEMO_DEPARTMENTS,
    categories: DEMO_CATEGORIES,
    users: DEMO_USERS,
    reports: [],
    events: [],
    photos: {},
    idempotency: {},
    sessions: {},
    meToo: {},
    seq: 0,
    messages: [],
    threadReads: {},
    notices: [],
    noticeReads: {},
  }
}
