import type { NewReportInput } from '../../../types/api'
import type { ReportLocation } from '../../../types/domain'
import type { FieldErrors } from '../validation'
import type { SpecError } from './serve'
import { numberOrNull, textOrNull } from './values'

/**
 * `POST requests.{format}` as the server's `/open311/v2/` reads it (ADR 27): the spec's fields
 * (form-encoded, or the same names in JSON) as a Linli report. What is read: `service_code`,
 * `lat`/`long` or `address_string`, `description`, `account_id` (only echoed back). What is never
 * kept: `email`, `first_name`, `last_name`, `phone`, `device_id` (contact details and device ids
 * stay with the partner system), and `media_url` (Linli does not fetch other servers' pictures).
 * `attribute[…]` is refused: Linli's categories ask no extra questions, and a dropped answer would
 * be lost without anyone knowing.
 */

export type Fields = Record<string, unknown>

/** Where a point without a name came from, as the handler reads it. */
export const POINT_NAME = '合作系统标注的位置'

const one = (value: unknown): string | null => textOrNull(Array.isArray(value) ? value[0] : value)

export interface Submission {
  /** The report to file (no photos: `media_url` is not fetched). */
  input: NewReportInput
  /** The partner's own account id, echoed in the answer as the spec asks; never stored. */
  accountId: string | null
}

function locationOf(fields: Fields, errors: SpecError[]): ReportLocation | null {
  const lat = one(fields.lat)
  const long = one(fields.long)
  const address = one(fields.address_string)
  if (lat !== null || long !== null) {
    const latitude = numberOrNull(lat)
    const longitude = numberOrNull(long)
    if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
      errors.push({ code: 400, description: 'lat/long 不是有效的坐标（需同时提供纬度 lat 和经度 long）' })
      return null
    }
    return { kind: 'point', latitude, longitude, name: address ? '' : POINT_NAME, address: address ?? '' }
  }
  if (address) return { kind: 'text', address }
  if (one(fields.address_id)) errors.push({ code: 400, description: '本系统不使用 address_id，请提供 lat/long 或 address_string' })
  else errors.push({ code: 400, description: '请提供位置：lat 和 long，或 address_string' })
  return null
}

/** Any `attribute[…]` field with an answer in it. */
function hasAttributes(fields: Fields): boolean {
  return Object.entries(fields).some(([key, value]) => {
    if (key === 'attribute' && value && typeof value === 'object') return Object.values(value).some((v) => one(v) !== null)
    return /^attribute\[/.test(key) && (Array.isArray(value) ? value.some((v) => one(v) !== null) : one(value) !== null)
  })
}

export function readSubmission(fields: Fields): { submission: Submission } | { errors: SpecError[] } {
  const errors: SpecError[] = []
  const code = one(fields.service_code)
  if (!code) errors.push({ code: 400, description: '缺少 service_code（问题类型，见 services 接口）' })
  const location = locationOf(fields, errors)
  if (hasAttributes(fields)) errors.push({ code: 400, description: 'attribute：本系统的问题类型没有补充问题，请不要提交 attribute' })
  if (errors.length || !code || !location) return { errors }
  const description = typeof fields.description === 'string' ? fields.description : (one(fields.description) ?? '')
  return {
    submission: {
      input: { categoryId: code, description, photoIds: [], location, anonymous: false },
      accountId: one(fields.account_id),
    },
  }
}

/** Which GeoReport argument a field of Linli's rules is about. */
const ARGUMENT: Record<string, string> = {
  categoryId: 'service_code',
  description: 'description',
  location: 'lat/long 或 address_string',
  answers: 'attribute',
  photos: 'media_url',
  idempotencyKey: 'Idempotency-Key',
  body: '请求内容',
}

/** Linli's field errors (Chinese, per field) as the spec's error list, each naming the argument. */
export function specErrorsOf(fields: FieldErrors, code = 400): SpecError[] {
  return Object.entries(fields).map(([field, message]) => ({ code, description: `${ARGUMENT[field] ?? field}：${message}` }))
}
