import type { Photo, Report, ReportContact, ReportDetail } from '../../../types/domain'
import { allowedMoves, canHandleReport, canReadReport } from '../../domain/permissions'
import { viewReport, viewTimeline } from '../../domain/report-views'
import { maskPhone } from '../../domain/text'
import { LIMITS } from '../../domain/validation'
import type { Caller } from '../context'
import { notFound, validationError } from '../errors'
import type { PhotoRecord, Repositories } from '../ports'
import { sightOver, type PhotoSight } from './photo-sight'

/** Steps shared by the report and handling services: what a caller may read, and with which photos. */

export const NOT_READABLE = '诉求不存在或您无权查看'

/** A report the caller may read, or not_found (its existence is not revealed to others). */
export async function readableReport(repos: Repositories, caller: Caller, id: unknown, forUpdate = false): Promise<Report> {
  const report = typeof id === 'string' ? await (forUpdate ? repos.reports.findForUpdate(id) : repos.reports.find(id)) : null
  if (!report || !canReadReport(caller.actor, report)) throw notFound(NOT_READABLE)
  return report
}

function photoOf(caller: Caller, id: string, known: Map<string, PhotoRecord>): Photo {
  const meta = known.get(id)
  return {
    id,
    url: caller.photoUrl(id),
    ...(meta ? { bytes: meta.bytes } : {}),
    ...(meta?.width && meta.height ? { width: meta.width, height: meta.height } : {}),
  }
}

/** The detail page: the report and timeline as this caller may see them, the moves they may make. */
export async function detailOf(repos: Repositories, caller: Caller, report: Report): Promise<ReportDetail> {
  const events = await repos.reports.listEvents(report.id)
  const known = await repos.photos.findMany([...report.photos, ...events.flatMap((e) => e.photos)].map((p) => p.id))
  // Photos the caller may not see yet (not checked, or rejected) are left out (photo-sight.ts).
  const sees = sightOver(caller.actor, known)
  const resolve = (list: Photo[]) => list.filter((p) => sees(p.id)).map((p) => photoOf(caller, p.id, known))
  const contact = await contactOf(repos, caller, report)
  return {
    report: { ...viewReport(report, caller.actor), photos: resolve(report.photos) },
    timeline: viewTimeline(report, events, caller.actor).map((e) => ({ ...e, photos: resolve(e.photos) })),
    allowedActions: allowedMoves(caller.actor, report),
    ...(contact ? { contact } : {}),
  }
}

/**
 * Whom the report's handler would call, the number masked; nothing for anyone else (a resident
 * never sees another person's number, masked or not) and nothing when nobody has a number.
 */
async function contactOf(repos: Repositories, caller: Caller, report: Report): Promise<ReportContact | null> {
  if (!canHandleReport(caller.actor, report)) return null
  const found = await repos.users.findContact(report)
  return found ? { name: found.name, phoneMasked: maskPhone(found.phone), relation: found.relation } : null
}

/** A report with the URLs and sizes of the photos the caller may see. */
export async function withPhotos(repos: Repositories, caller: Caller, report: Report): Promise<Report> {
  const known = await repos.photos.findMany(report.photos.map((p) => p.id))
  const sees = sightOver(caller.actor, known)
  return { ...report, photos: report.photos.filter((p) => sees(p.id)).map((p) => photoOf(caller, p.id, known)) }
}

/** Photo URLs only (lists need no sizes), of the photos `sees` lets through (default: all, for handlers). */
export function withPhotoUrls(caller: Caller, report: Report, sees: PhotoSight = () => true): Report {
  return { ...report, photos: report.photos.filter((p) => sees(p.id)).map((p) => ({ id: p.id, url: caller.photoUrl(p.id) })) }
}

/** Photos `ownerId` uploaded, in the order given; anything else is a field error. */
export async function ownPhotos(repos: Repositories, ownerId: string, ids: unknown, field: string): Promise<Photo[]> {
  if (ids === undefined) return []
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) throw validationError({ [field]: '照片列表格式不正确' })
  if (ids.length > LIMITS.photosMax) throw validationError({ [field]: `最多上传${LIMITS.photosMax}张照片` })
  const known = await repos.photos.findMany(ids as string[])
  return (ids as string[]).map((id) => {
    const meta = known.get(id)
    if (!meta || meta.ownerId !== ownerId) throw validationError({ [field]: '照片已失效，请重新选择' })
    return { id, url: '' }
  })
}
