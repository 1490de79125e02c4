/**
 * Request shapes of the ApiClient port: what the app sends. Shared with the server so the two
 * cannot drift (issue 3 derives the HTTP schemas from the same words).
 */
import type { Assignee, Id, RatingLevel, ReportLocation, ReportStatus, Notice, Service } from './domain'

export interface NewReportInput {
  categoryId: Id
  description: string
  /** Ids returned by `media.uploadPhoto`, in display order. */
  photoIds: Id[]
  location: ReportLocation
  anonymous: boolean
  /**
   * The building the problem is at: the report goes to that building's grid. Absent: the reporter's
   * home building (代报: the household's). Staff re-route with the `transfer` move.
   */
  buildingId?: Id
  /** 代报: filed by a building leader or staff member for a neighbour's household. */
  onBehalfOf?: { buildingId: Id; room: string; name?: string; phone?: string }
}

/** A photo on the device, before upload: a temp/saved file path (weapp) or a data URL (H5). */
export interface LocalPhoto {
  path: string
  bytes?: number
  width?: number
  height?: number
}

export interface PageQuery {
  cursor?: string
  /** 1..50, default 20. */
  limit?: number
}

export interface InboxQuery extends PageQuery {
  status?: ReportStatus[]
  categoryId?: Id
  gridId?: Id
  overdueOnly?: boolean
  escalatedOnly?: boolean
}

export interface RatingInput {
  level: RatingLevel
  comment: string
}

export interface NoteInput {
  note?: string
  photoIds?: Id[]
}

export interface AssignInput extends NoteInput {
  assignee: Pick<Assignee, 'kind' | 'id'>
}

export interface TransferInput extends NoteInput {
  target: { kind: 'grid'; id: Id } | { kind: 'department'; id: Id }
}

export interface MergeInput extends NoteInput {
  intoReportId: Id
}

export interface RejectInput {
  reason: string
}

export interface NoticeInput {
  title: string
  body: string
  scope: Notice['scope']
  urgent: boolean
  pinned: boolean
  expiresAt?: string
}

export interface TimeRange {
  from: string
  to: string
}

export interface ServiceQuery {
  kind?: Service['kind']
}

export interface BookingInput {
  slotId: Id
  note?: string
}
