import type { Building, Category, Community, Department, Grid, Id, Photo, Report, TimelineEvent } from '../../../types/domain'
import {
  DEMO_BUILDINGS,
  DEMO_CATEGORIES,
  DEMO_COMMUNITY,
  DEMO_DEPARTMENTS,
  DEMO_GRIDS,
  DEMO_USERS,
  type DemoUser,
} from '../../domain/demo-community'

/** Everything the demo backend knows, as one JSON document in storage (photos are kept apart). */
export interface MemoryState {
  schema: 1
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
}

export function emptyState(): MemoryState {
  return {
    schema: 1,
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
  }
}
