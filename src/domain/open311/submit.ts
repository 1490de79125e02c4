import type { ReportLocation } from '../../../types/domain'
import { cleanText } from '../text'
import type { Answers, Question } from './definition'
import { idOrNull, itemsOf, textOrNull } from './values'

/**
 * A report as the form-encoded body of `POST requests.json`, and the answer to it (ADR 26).
 */

/** The spec's limit on `description`, in characters. */
export const DESCRIPTION_MAX = 4000

export interface ReportSubmission {
  serviceCode: string
  location: ReportLocation
  description: string
  questions: readonly Question[]
  answers: Answers
  apiKey: string
  jurisdictionId?: string
  /** Only when the photo can be given a URL the city system can fetch. */
  mediaUrl?: string
  deviceId?: string
  /** Only when signed in: an opaque id, never a name or a phone. */
  accountId?: string
}

/**
 * A description as plain text within the spec's 4,000 characters: HTML tags (a `<` not starting a
 * tag, as in “温度<5度”, is text) and control characters removed, blank runs folded, cut by characters (a CJK character or an emoji counts one, never split).
 */
export function plainDescription(value: string): string {
  const text = cleanText(
    value
      .replace(/<\/?[a-zA-Z][^<>]*>/g, ' ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
      .replace(/[ \t]{2,}/g, ' '),
  )
  const characters = Array.from(text)
  return characters.length <= DESCRIPTION_MAX ? text : characters.slice(0, DESCRIPTION_MAX).join('').trimEnd()
}

/**
 * The fields of the body, in order: `api_key`, `jurisdiction_id`, `service_code`, the location (`lat`
 * and `long` for a point, with its address as `address_string`; `address_string` alone for a typed
 * address), `description`, each asked question's answer (`attribute[code]` for a single value,
 * `attribute[code][]` once per key of a multi value list; unanswered ones left out), then
 * `media_url`, `device_id` and `account_id` when given.
 */
export function reportFields(submission: ReportSubmission): Array<[string, string]> {
  const fields: Array<[string, string]> = [['api_key', submission.apiKey]]
  if (submission.jurisdictionId) fields.push(['jurisdiction_id', submission.jurisdictionId])
  fields.push(['service_code', submission.serviceCode])
  const { location } = submission
  if (location.kind === 'point') {
    fields.push(['lat', String(location.latitude)], ['long', String(location.longitude)])
    const address = [location.name, location.address].map((part) => part.trim()).filter(Boolean).join(' ')
    if (address) fields.push(['address_string', address])
  } else {
    fields.push(['address_string', location.address.trim()])
  }
  fields.push(['description', plainDescription(submission.description)])
  for (const question of submission.questions) {
    if (!question.asked) continue
    const answer = submission.answers[question.code]
    if (question.type === 'multivaluelist') {
      const keys = Array.isArray(answer) ? answer : answer ? [answer] : []
      for (const key of keys) fields.push([`attribute[${question.code}][]`, key])
    } else {
      const value = Array.isArray(answer) ? answer[0] : answer
      if (value !== undefined && value.trim() !== '') fields.push([`attribute[${question.code}]`, value.trim()])
    }
  }
  if (submission.mediaUrl) fields.push(['media_url', submission.mediaUrl])
  if (submission.deviceId) fields.push(['device_id', submission.deviceId])
  if (submission.accountId) fields.push(['account_id', submission.accountId])
  return fields
}

/** `application/x-www-form-urlencoded`, as a browser encodes a form (spaces as `+`). */
export function encodeForm(fields: ReadonlyArray<readonly [string, string]>): string {
  const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+')
  return fields.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&')
}

export function reportBody(submission: ReportSubmission): string {
  return encodeForm(reportFields(submission))
}

/**
 * What a city system answered to a new request or to `tokens/{token}.json`: an id (from the spec's
 * short object or a full request, in an array or alone, the id a string or an integer), a token to
 * follow, or nothing (a `blackbox` service).
 */
export type SubmitAnswer =
  | { kind: 'id'; id: string; notice: string | null }
  | { kind: 'token'; token: string; notice: string | null }
  | { kind: 'none'; notice: string | null }

export function parseSubmitAnswer(raw: unknown): SubmitAnswer {
  const first = itemsOf(raw)[0]
  if (!first) return { kind: 'none', notice: null }
  const notice = textOrNull(first.service_notice)
  const id = idOrNull(first.service_request_id)
  if (id !== null) return { kind: 'id', id, notice }
  const token = idOrNull(first.token)
  if (token !== null) return { kind: 'token', token, notice }
  return { kind: 'none', notice }
}
