import type { Category, RatingLevel, ReportLocation } from '../../types/domain'
import { cleanText, textLength } from './text'

/** Per-field messages in Chinese, ready to show under the field. Empty object = valid. */
export type FieldErrors = Record<string, string>

export const LIMITS = {
  descriptionMin: 5,
  descriptionMax: 500,
  photosMax: 9,
  addressMin: 4,
  addressMax: 100,
  ratingCommentMax: 300,
  noteMin: 2,
  noteMax: 500,
  reasonMin: 2,
  reasonMax: 200,
} as const

export interface NewReportFields {
  categoryId?: string
  description?: string
  photoCount?: number
  location?: ReportLocation | null
  anonymous?: boolean
}

export function validateDescription(value: string | undefined): string | undefined {
  const text = cleanText(value ?? '')
  const length = textLength(text)
  if (length === 0) return '请描述遇到的问题'
  if (length < LIMITS.descriptionMin) return `描述至少需要${LIMITS.descriptionMin}个字，请说清楚在哪里、发生了什么`
  if (length > LIMITS.descriptionMax) return `描述不能超过${LIMITS.descriptionMax}个字（现在${length}个字）`
  return undefined
}

export function validateLocation(location: ReportLocation | null | undefined): string | undefined {
  if (!location) return '请选择位置，或手动填写地址'
  if (location.kind === 'text') {
    const length = textLength(cleanText(location.address))
    if (length < LIMITS.addressMin) return `请填写详细地址（至少${LIMITS.addressMin}个字，如“3号楼2单元门口”）`
    if (length > LIMITS.addressMax) return `地址不能超过${LIMITS.addressMax}个字`
    return undefined
  }
  const { latitude, longitude } = location
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
    return '位置信息无效，请重新选择'
  }
  if (textLength(location.name) + textLength(location.address) === 0) return '请选择一个有名称或地址的位置'
  return undefined
}

export function validateCategory(categoryId: string | undefined, categories: readonly Category[]): string | undefined {
  if (!categoryId) return '请选择问题类型'
  const category = categories.find((c) => c.id === categoryId)
  if (!category) return '问题类型不存在，请重新选择'
  if (category.emergency) return `${category.name}属于紧急情况，请立即拨打${category.emergency.phone}`
  return undefined
}

export function validatePhotoCount(count: number | undefined): string | undefined {
  if ((count ?? 0) > LIMITS.photosMax) return `最多上传${LIMITS.photosMax}张照片`
  return undefined
}

/**
 * Where a report's problem is, when the reporter says: one of their community's buildings (the
 * report goes to its grid). Not said: fine, the reporter's home building is taken.
 */
export function validateReportBuilding(buildingId: unknown, communityBuildings: readonly { id: string }[]): FieldErrors {
  if (buildingId === undefined) return {}
  return typeof buildingId === 'string' && communityBuildings.some((b) => b.id === buildingId) ? {} : { buildingId: '请选择问题所在的楼栋' }
}

/** All the rules of a new report, the same on every adapter and on the server. */
export function validateNewReport(input: NewReportFields, categories: readonly Category[]): FieldErrors {
  const errors: FieldErrors = {}
  const checks: Array<[string, string | undefined]> = [
    ['categoryId', validateCategory(input.categoryId, categories)],
    ['description', validateDescription(input.description)],
    ['photos', validatePhotoCount(input.photoCount)],
    ['location', validateLocation(input.location)],
  ]
  for (const [field, message] of checks) if (message) errors[field] = message
  return errors
}

export function validateRating(level: RatingLevel | undefined, comment: string | undefined): FieldErrors {
  const errors: FieldErrors = {}
  const text = cleanText(comment ?? '')
  if (!level || !['satisfied', 'basically_satisfied', 'unsatisfied'].includes(level)) errors.level = '请选择满意程度'
  else if (level === 'unsatisfied' && textLength(text) === 0) errors.comment = '请告诉我们哪里不满意，以便重新办理'
  if (textLength(text) > LIMITS.ratingCommentMax) errors.comment = `评价不能超过${LIMITS.ratingCommentMax}个字`
  return errors
}

/** A handler's note on a timeline step (progress, resolution, transfer …). */
export function validateNote(note: string | undefined, required: boolean, field = 'note'): FieldErrors {
  const length = textLength(cleanText(note ?? ''))
  if (length === 0) return required ? { [field]: '请填写说明' } : {}
  if (length < LIMITS.noteMin) return { [field]: `说明至少${LIMITS.noteMin}个字` }
  if (length > LIMITS.noteMax) return { [field]: `说明不能超过${LIMITS.noteMax}个字` }
  return {}
}

export function validateReason(reason: string | undefined): FieldErrors {
  const length = textLength(cleanText(reason ?? ''))
  if (length < LIMITS.reasonMin) return { reason: '请填写不予受理的理由，居民会看到它' }
  if (length > LIMITS.reasonMax) return { reason: `理由不能超过${LIMITS.reasonMax}个字` }
  return {}
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0
}
