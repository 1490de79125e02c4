import type { NewReportInput, PageQuery } from '../../../types/api'
import type { Page, Report, ReportDetail, ReportSummary } from '../../../types/domain'
import { malformed, validationError } from '../../core/errors'
import { pageLimit, parseKeyset } from '../../core/paging'
import { fingerprint, IDEMPOTENCY_MESSAGES, isValidIdempotencyKey } from '../../domain/fingerprint'
import { validateAnswers } from '../../domain/open311/definition'
import { NO_QUESTIONS_MESSAGE } from '../../domain/report-questions'
import {
  fieldsOfDetails,
  isSameSubmission,
  parseUpdates,
  reportOf,
  submittedTimeline,
  timelineAfter,
  timelineFromUpdates,
  type FiledRequest,
  type RequestSnapshot,
  type Viewer,
} from '../../domain/open311/report'
import { hasNextPage, idFilter, pageQuery, parseRequests, requestById, type Open311Request } from '../../domain/open311/requests'
import { parseSubmitAnswer, reportFields } from '../../domain/open311/submit'
import { compareNewestFirst, encodeCursor, isAfterCursor, summarize } from '../../domain/report-views'
import { hasErrors, validateNewReport, type FieldErrors } from '../../domain/validation'
import type { ReportsApi } from '../client'
import { ApiError } from '../errors'
import type { Catalogue } from './catalogue'
import { Open311Error, type Requester } from './requester'
import type { StateFile } from './state'

export interface ReportsOptions {
  apiKey: string
  jurisdictionId?: string
  communityId: string
  deadlineHours: number
  /** A request is not asked about again sooner than this (polite polling). */
  pollIntervalMs: number
  /** How many times a token is asked about right after a submission before the report is shown without a number. */
  tokenPolls: number
  tokenWaitMs: number
  sleep: (ms: number) => Promise<void>
  now: () => Date
}

const NOT_SUPPORTED = '城市服务平台不支持这项操作'
/** mySociety's updates are asked for again after a day when a server said it has none. */
const UPDATES_RECHECK_MS = 24 * 3_600_000
/**
 * Asks for mySociety's extended statuses where a server offers them behind a switch (Linli's own
 * `/open311/v2/`, ADR 27); a server without them ignores the parameter and answers open/closed.
 */
const EXTENDED = { extensions: 'true' }
/** How a lost answer's request is searched for: pages of 100, at most 10 of them. */
const LOST_PAGE_SIZE = 100
const LOST_PAGES = 10

/**
 * The report part of the port over a city's GeoReport v2 system (ADR 28). The phone keeps its own
 * requests; the city is asked about them at most once per polling interval, and its last answers
 * are read when it cannot be reached.
 */
export function open311Reports(http: Requester, file: StateFile, services: Catalogue, viewer: () => Viewer, options: ReportsOptions): ReportsApi {
  const nowIso = () => options.now().toISOString()
  const stale = (snapshot: RequestSnapshot | undefined) => !snapshot || options.now().getTime() - Date.parse(snapshot.fetchedAt) >= options.pollIntervalMs

  function reportFor(filed: FiledRequest): Report {
    return reportOf(filed, file.read().snapshots[filed.key], viewer(), { deadlineHours: options.deadlineHours, communityId: options.communityId })
  }

  function saveFiled(filed: FiledRequest): void {
    file.update((state) => {
      const index = state.filed.findIndex((f) => f.key === filed.key)
      if (index >= 0) state.filed[index] = filed
      else state.filed.push(filed)
    })
  }

  function forget(key: string): void {
    file.update((state) => {
      state.filed = state.filed.filter((f) => f.key !== key)
    })
  }

  /** Ask a token for its id a few times (`tokens/{token}.json`); the token stays when none came yet. */
  async function followToken(filed: FiledRequest, polls: number): Promise<FiledRequest> {
    for (let i = 0; i < polls && filed.requestId === null && filed.token !== null; i++) {
      if (i > 0 || polls > 1) await options.sleep(options.tokenWaitMs)
      const { status, value } = await http.get(`tokens/${encodeURIComponent(filed.token)}`)
      if (status === 404) continue
      const answer = parseSubmitAnswer(value)
      if (answer.kind === 'id') filed = { ...filed, requestId: answer.id, notice: filed.notice ?? answer.notice }
    }
    return filed
  }

  /**
   * The request a lost answer was about, if the city has it: the phone sent it and the answer never
   * came, so before sending again the city's list of the service since then is searched.
   */
  async function findLost(filed: FiledRequest): Promise<string | null> {
    const since = new Date(Date.parse(filed.submittedAt) - 10 * 60_000).toISOString()
    const mine = new Set(file.read().filed.map((f) => f.requestId).filter((id): id is string => id !== null))
    const seen = new Set<string>()
    // `page`/`page_size` are sent always: a server that pages honours them (perhaps with a smaller
    // page), one that does not ignores them and answers its whole list again (where `hasNextPage` stops).
    for (let page = 1; page <= LOST_PAGES; page++) {
      const { value } = await http.get('requests', { service_code: filed.serviceCode, start_date: since, ...pageQuery(page, LOST_PAGE_SIZE, true) })
      const received = parseRequests(value)
      const found = received.find((request) => !mine.has(request.id) && isSameSubmission(filed, request))
      if (found) return found.id
      // A server may cap page_size below what was asked, so a short page is not taken as the last:
      // the next one is asked while a page brings something new (one that ignores `page` repeats itself).
      const more = hasNextPage(received, Math.min(received.length, LOST_PAGE_SIZE) || 1, true, seen)
      for (const request of received) seen.add(request.id)
      if (!more) return null
    }
    return null
  }

  async function send(filed: FiledRequest, input: NewReportInput): Promise<FiledRequest> {
    const questions = filed.answers ? await services.questions(filed.categoryId) : []
    const fields = reportFields({
      serviceCode: filed.serviceCode,
      location: filed.location,
      description: filed.description,
      questions,
      answers: input.answers ?? {},
      apiKey: options.apiKey,
      jurisdictionId: options.jurisdictionId,
      // Anonymous towards the city too: nothing that could tie the request to this phone.
      deviceId: filed.anonymous ? undefined : file.read().deviceId,
    })
    let answer
    try {
      answer = parseSubmitAnswer((await http.post('requests', fields)).value)
    } catch (error) {
      // Refused outright (a 4xx): nothing was created; the resident fixes the report. A 5xx or no
      // answer may have created it: the entry stays `sending`, and a retry looks for it first.
      if (error instanceof Open311Error && error.kind !== 'network' && error.kind !== 'server' && error.kind !== 'rate_limited') {
        forget(filed.key)
        if (error.kind === 'validation') {
          const mapped: FieldErrors = fieldsOfDetails(error.failure.details, error.message)
          throw new ApiError('validation', error.message, { fields: mapped })
        }
      }
      throw error
    }
    let sent: FiledRequest = {
      ...filed,
      state: 'sent',
      notice: answer.notice,
      requestId: answer.kind === 'id' ? answer.id : null,
      token: answer.kind === 'token' ? answer.token : null,
    }
    saveFiled(sent)
    if (sent.token !== null) {
      sent = await followToken(sent, options.tokenPolls).catch(() => sent)
      saveFiled(sent)
    }
    return sent
  }

  async function submit(input: NewReportInput, { idempotencyKey }: { idempotencyKey: string }): Promise<Report> {
    if (!isValidIdempotencyKey(idempotencyKey)) throw malformed({ idempotencyKey: IDEMPOTENCY_MESSAGES.bad })
    const { categories } = await services.services()
    const photoIds = Array.isArray(input.photoIds) ? input.photoIds : []
    const errors: FieldErrors = validateNewReport(
      { categoryId: input.categoryId, description: input.description, photoCount: photoIds.length, location: input.location ?? null },
      categories,
    )
    if (photoIds.length > 0 && !errors.photos) errors.photos = '城市服务平台不接收照片，请去掉照片后提交'
    if (input.onBehalfOf !== undefined) errors.onBehalfOf = '城市服务平台不支持代邻居反映'
    const category = categories.find((c) => c.id === input.categoryId)
    const answers = input.answers ?? {}
    if (category?.hasQuestions) Object.assign(errors, validateAnswers(await services.questions(category.id), answers))
    else if (Object.keys(answers).length > 0) errors.answers = NO_QUESTIONS_MESSAGE
    if (hasErrors(errors) || !category) throw validationError(errors)

    const print = fingerprint({ categoryId: input.categoryId, description: input.description, location: input.location, anonymous: input.anonymous, answers, photoIds })
    const earlier = file.read().filed.find((f) => f.key === idempotencyKey)
    if (earlier && earlier.fingerprint !== print) throw validationError({ idempotencyKey: IDEMPOTENCY_MESSAGES.reused })
    if (earlier?.state === 'sent') return reportFor(earlier)
    if (earlier) {
      const found = await findLost(earlier)
      if (found !== null) {
        const adopted: FiledRequest = { ...earlier, state: 'sent', requestId: found }
        saveFiled(adopted)
        return reportFor(adopted)
      }
    }
    const filed: FiledRequest = earlier ?? {
      key: idempotencyKey,
      fingerprint: print,
      requestId: null,
      token: null,
      state: 'sending',
      serviceCode: category.serviceCode,
      categoryId: category.id,
      categoryName: category.name,
      description: input.description.trim(),
      location: input.location,
      anonymous: input.anonymous === true,
      ...(category.hasQuestions ? { answers } : {}),
      submittedAt: nowIso(),
      notice: null,
    }
    saveFiled(filed)
    return reportFor(await send(filed, input))
  }

  /** What the city says now about these requests, in one call, kept as their snapshots. */
  async function refresh(entries: readonly FiledRequest[], force: boolean): Promise<void> {
    if (http.coolingDown()) return
    const snapshots = file.read().snapshots
    const due = entries.filter((f) => f.state === 'sent' && (force || stale(snapshots[f.key])))
    for (const pending of due.filter((f) => f.requestId === null && f.token !== null)) {
      const followed = await followToken(pending, 1)
      if (followed.requestId !== null) saveFiled(followed)
    }
    const current = file.read().filed
    const asked = due.map((f) => current.find((c) => c.key === f.key)!).filter((f) => f && f.requestId !== null)
    if (asked.length === 0) return
    let requests: Open311Request[]
    if (asked.length === 1) {
      const { status, value } = await http.get(`requests/${encodeURIComponent(asked[0].requestId!)}`, EXTENDED)
      const one = requestById(asked[0].requestId!, status, value)
      requests = one ? [one] : []
    } else {
      requests = parseRequests((await http.get('requests', { ...EXTENDED, service_request_id: idFilter(asked.map((f) => f.requestId!)) })).value)
    }
    const updates = await updatesFor(asked, requests)
    const at = nowIso()
    const me = viewer()
    file.update((state) => {
      for (const filed of asked) {
        const request = requests.find((r) => r.id === filed.requestId)
        if (!request) continue
        const previous = state.snapshots[filed.key]
        const own = updates?.filter((u) => u.requestId === request.id)
        const timeline =
          own && own.length > 0 ? timelineFromUpdates(filed, me, own, request.agencyResponsible) : timelineAfter(filed, me, previous?.timeline, request, at)
        state.snapshots[filed.key] = { request, timeline, fetchedAt: at }
      }
    })
  }

  /** mySociety's `servicerequestupdates` since the oldest of these was sent, where the server offers it. */
  async function updatesFor(asked: readonly FiledRequest[], requests: readonly Open311Request[]) {
    if (requests.length === 0) return null
    const known = file.read().updates
    if (known && !known.offered && options.now().getTime() - Date.parse(known.checkedAt) < UPDATES_RECHECK_MS) return null
    const since = asked.map((f) => f.submittedAt).sort()[0]
    try {
      const { status, value } = await http.get('servicerequestupdates', {
        start_date: new Date(Date.parse(since) - 60_000).toISOString(),
        end_date: nowIso(),
      })
      const offered = status !== 404
      file.update((state) => (state.updates = { offered, checkedAt: nowIso() }))
      return offered ? parseUpdates(value) : null
    } catch (error) {
      // A server without the extension may answer it with any error: the snapshots still work.
      if (error instanceof ApiError && !error.retryable) file.update((state) => (state.updates = { offered: false, checkedAt: nowIso() }))
      return null
    }
  }

  /** A refresh that may fail: the last answers are read instead (offline, a server down, a 429). */
  async function refreshQuietly(entries: readonly FiledRequest[], force: boolean): Promise<void> {
    try {
      await refresh(entries, force)
    } catch (error) {
      if (!(error instanceof ApiError) || !error.retryable) throw error
    }
  }

  async function listMine(query?: PageQuery): Promise<Page<ReportSummary>> {
    const limit = pageLimit(query)
    const after = parseKeyset(query?.cursor)
    const ordered = file
      .read()
      .filed.map((f) => ({ filed: f, createdAt: f.submittedAt, id: f.key }))
      .sort(compareNewestFirst)
      .filter((row) => !after || isAfterCursor(row, after))
    const page = ordered.slice(0, limit)
    await refreshQuietly(
      page.map((row) => row.filed),
      false,
    )
    const fresh = file.read().filed
    const items = page.map((row) => summarize(reportFor(fresh.find((f) => f.key === row.id) ?? row.filed)))
    const last = page[page.length - 1]
    return ordered.length > limit && last ? { items, nextCursor: encodeCursor(last) } : { items }
  }

  async function get(id: string): Promise<ReportDetail> {
    const filed = file.read().filed.find((f) => f.key === id)
    if (!filed) throw new ApiError('not_found')
    await refreshQuietly([filed], false)
    const now = file.read().filed.find((f) => f.key === id) ?? filed
    const snapshot = file.read().snapshots[id]
    return { report: reportFor(now), timeline: snapshot?.timeline ?? submittedTimeline(now, viewer()), allowedActions: [] }
  }

  return {
    submit,
    listMine,
    get,
    questions: (categoryId) => services.questions(categoryId),
    rate: () => Promise.reject(new ApiError('not_supported', NOT_SUPPORTED)),
    meToo: () => Promise.reject(new ApiError('not_supported', NOT_SUPPORTED)),
    listPublic: () => Promise.reject(new ApiError('not_supported', NOT_SUPPORTED)),
  }
}
