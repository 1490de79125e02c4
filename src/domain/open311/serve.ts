import type { Category, ReportLocation, ReportStatus } from '../../../types/domain'
import { maskPhone } from '../text'

/**
 * Linli's reports as GeoReport v2 answers (ADR 27): what the server's `/open311/v2/` writes. The
 * reverse of statuses.ts (a city's status as Linli's): each Linli status as mySociety's extended
 * status, folded into the spec's `open`/`closed` unless the client asked for the extension. Pure;
 * nothing here knows a person: the reporter, their home and the handlers' names never reach these
 * functions, and phone numbers in the texts that do are masked.
 */

/** Linli status → mySociety extended status (the inverse of statuses.ts's STATUS_RULES). */
export const EXTENDED_STATUS: Readonly<Record<ReportStatus, string>> = {
  submitted: 'open',
  accepted: 'investigating',
  in_progress: 'in_progress',
  transferred: 'internal_referral',
  resolved: 'fixed',
  closed: 'closed',
  rejected: 'not_councils_responsibility',
  merged: 'duplicate',
  reopened: 'reopen',
}

/** The statuses GeoReport's basic `closed` stands for: done with, whether fixed, refused or merged. */
export const CLOSED_STATUSES: readonly ReportStatus[] = ['resolved', 'closed', 'rejected', 'merged']

export type BasicStatus = 'open' | 'closed'

export function basicStatusOf(status: ReportStatus): BasicStatus {
  return CLOSED_STATUSES.includes(status) ? 'closed' : 'open'
}

/** The status written: the extended one when the client asked for mySociety's extension, else open/closed. */
export function statusOut(status: ReportStatus, extensions: boolean): string {
  return extensions ? EXTENDED_STATUS[status] : basicStatusOf(status)
}

/**
 * The Linli statuses a `status` filter value names: `open`/`closed` always; an extended status
 * (`investigating`, `fixed` …) when the extension is on. Null: a value nobody knows.
 */
export function statusesNamed(value: string, extensions: boolean): ReportStatus[] | null {
  const name = value.trim().toLowerCase()
  const all = Object.keys(EXTENDED_STATUS) as ReportStatus[]
  // `open` and `closed` are the families, whether the extension is on or not.
  if (name === 'open') return all.filter((s) => !CLOSED_STATUSES.includes(s))
  if (name === 'closed') return [...CLOSED_STATUSES]
  if (!extensions) return null
  const named = all.filter((s) => EXTENDED_STATUS[s] === name)
  return named.length ? named : null
}

// A mainland mobile number (1[3-9] and 9 more digits) not inside a longer run of digits.
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g

/** 11-digit mobile numbers inside a text, masked as everywhere else (138****0001). */
export function maskMobiles(text: string): string {
  return text.replace(MOBILE, (number) => maskPhone(number))
}

/**
 * An instant as GeoReport writes it: ISO 8601 with an explicit offset, to the second, in Beijing
 * time by default (`2026-11-21T16:30:00+08:00`).
 */
export function georeportTime(iso: string, offsetMinutes = 480): string {
  const at = new Date(new Date(iso).getTime() + offsetMinutes * 60_000)
  const base = at.toISOString().slice(0, 19)
  if (offsetMinutes === 0) return `${base}Z`
  const abs = Math.abs(offsetMinutes)
  return `${base}${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** What a report may show of itself through GeoReport: nothing of its reporter, its household or its handlers. */
export interface ServedReport {
  /** The report's number (YY-20261121-0007): the service_request_id, the same one staff read. */
  number: string
  status: ReportStatus
  categoryId: string
  categoryName: string
  description: string
  location: ReportLocation
  /** Held out of the public view by the content check (or refused there): its text is not shown. */
  heldFromPublic: boolean
  createdAt: string
  updatedAt: string
  deadlineAt: string
  /** Who handles it, as an office: the community and its grid, or the department it went to. */
  agency: string
  /** The latest public note a handler wrote on its timeline, if any. */
  statusNote: string | null
}

/** The address of a location: the text, or the point's name and address. */
export function addressOf(location: ReportLocation): string | null {
  const text = location.kind === 'text' ? location.address : [location.name, location.address].filter((part) => part.trim()).join(' ')
  return text.trim() ? maskMobiles(text.trim()) : null
}

/**
 * A report as a service request, every field of the spec's table in its order (GET requests and
 * requests/{id}). `expected_datetime` is Linli's deadline (限时办结) while the report is open.
 */
export function requestOut(r: ServedReport, extensions: boolean): Record<string, unknown> {
  const point = r.location.kind === 'point' ? r.location : null
  return {
    service_request_id: r.number,
    status: statusOut(r.status, extensions),
    status_notes: r.statusNote ? maskMobiles(r.statusNote) : null,
    service_name: r.categoryName,
    service_code: r.categoryId,
    description: r.heldFromPublic ? null : maskMobiles(r.description),
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: georeportTime(r.createdAt),
    updated_datetime: georeportTime(r.updatedAt),
    expected_datetime: basicStatusOf(r.status) === 'open' ? georeportTime(r.deadlineAt) : null,
    address: addressOf(r.location),
    address_id: null,
    zipcode: null,
    lat: point ? point.latitude : null,
    long: point ? point.longitude : null,
    // Photos stay in Linli: their URLs are signed capabilities, and they are the resident's (ADR 27).
    media_url: null,
  }
}

/**
 * A category as a service. Emergency categories are left out (`servicesOut`): they cannot be
 * filed, Linli stops the form and shows the number to call, and GeoReport has no field to say so.
 */
export function serviceOut(category: Category): Record<string, unknown> {
  return {
    service_code: category.id,
    service_name: category.name,
    description: category.guidance.trim() || null,
    metadata: false,
    type: 'realtime',
    keywords: null,
    group: null,
  }
}

export function servicesOut(categories: readonly Category[]): Record<string, unknown>[] {
  return categories.filter((c) => !c.emergency).map(serviceOut)
}

/** A service's definition: Linli's categories ask no extra questions. */
export function serviceDefinitionOut(category: Category): { service_code: string; attributes: never[] } {
  return { service_code: category.id, attributes: [] }
}

/** The discovery document: one production endpoint, JSON and XML. */
export function discoveryOut(endpointUrl: string, changeset: string, contact: string): Record<string, unknown> {
  return {
    changeset,
    contact,
    key_service: '合作系统的 api_key 由社区所在平台的管理员发放（npm run admin -- open311-key <社区码> <名称>）',
    endpoints: [{ specification: 'http://wiki.open311.org/GeoReport_v2', url: endpointUrl, changeset, type: 'production', formats: ['application/json', 'text/xml'] }],
  }
}

/** A GeoReport error, as the spec writes it: `[{code, description}]`. */
export interface SpecError {
  code: number
  description: string
}
