import type { DisclosureInput, DisclosureQuery } from '../../../../types/api'
import type { Disclosure, DisclosureSummary, Page } from '../../../../types/domain'
import { hasRole, type Actor } from '../../../domain/actor'
import { subjectKey } from '../../../domain/consultation/deliberation'
import { DISCLOSURE_LIMITS, periodLabel, refusePublishDisclosure, validateDisclosure } from '../../../domain/consultation/disclosures'
import { householdsOf, householdKey } from '../../../domain/consultation/households'
import { encodeCursor } from '../../../domain/report-views'
import { cleanText } from '../../../domain/text'
import { hasErrors } from '../../../domain/validation'
import type { Caller, Runtime } from '../../context'
import { notFound, requireCommunity, validationError } from '../../errors'
import { pageLimit, parseKeyset } from '../../paging'
import type { DisclosureRecord, DisclosureRow, Repositories, Store } from '../../ports'
import { photoSight } from '../photo-sight'
import { createOnce, idOf, ownPhotoIds, photosOf, refuse } from './shared'

export const DISCLOSURE_NOT_FOUND = '公开内容不存在或您无权查看'

/** 村务公开 / 居务公开: disclosures by period, finance tables checked, read by household. */
export class DisclosureService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
  ) {}

  async list(caller: Caller, query: DisclosureQuery = {}): Promise<Page<DisclosureSummary>> {
    const { actor } = caller
    const limit = pageLimit(query)
    const category = query?.category
    if (category !== undefined && category !== 'party' && category !== 'affairs' && category !== 'finance') throw validationError({ category: '公开类别无效' })
    const rows = await this.store.disclosures.list({ communityId: requireCommunity(actor), ...(category ? { category } : {}) }, parseKeyset(query?.cursor), limit + 1, actor.id)
    const items = rows.slice(0, limit)
    const questions = await this.store.contributions.countMany(items.map((d) => subjectKey({ kind: 'disclosure', id: d.id })))
    const last = items[items.length - 1]
    return {
      items: items.map((d) => summaryOf(d, questions.get(subjectKey({ kind: 'disclosure', id: d.id })) ?? 0)),
      ...(rows.length > limit ? { nextCursor: encodeCursor({ createdAt: last.publishedAt, id: last.id }) } : {}),
    }
  }

  async get(caller: Caller, id: unknown): Promise<Disclosure> {
    return disclosureView(this.store, caller, await visibleDisclosure(this.store, caller.actor, id))
  }

  async markRead(caller: Caller, id: unknown): Promise<void> {
    const d = await visibleDisclosure(this.store, caller.actor, id)
    if (!d.readByViewer) await this.store.disclosures.markRead(d.id, caller.actor.id, this.rt.now().toISOString())
  }

  async publish(caller: Caller, input: DisclosureInput, options: { idempotencyKey: unknown }): Promise<Disclosure> {
    const { actor } = caller
    refuse(refusePublishDisclosure(actor))
    const communityId = requireCommunity(actor)
    return createOnce(
      this.store,
      this.rt,
      caller,
      { kind: 'disclosure', key: options?.idempotencyKey, input, idPrefix: 'ds' },
      async (tx, id, at) => {
        const errors = validateDisclosure(input, at)
        if (hasErrors(errors)) throw validationError(errors)
        const photoIds = await ownPhotoIds(tx, actor.id, input.photoIds, 'photoIds', DISCLOSURE_LIMITS.photosMax)
        const period = 'month' in input.period ? { year: input.period.year, month: input.period.month } : { year: input.period.year, quarter: input.period.quarter }
        const f = input.finance
        const record: DisclosureRecord = {
          id,
          communityId,
          category: input.category,
          period,
          title: cleanText(input.title),
          body: cleanText(input.body),
          photoIds,
          ...(input.category === 'finance' && f
            ? {
                finance: {
                  items: f.items.map((i) => ({ kind: i.kind, name: cleanText(i.name), amountFen: i.amountFen })),
                  totalIncomeFen: f.totalIncomeFen,
                  totalExpenseFen: f.totalExpenseFen,
                  ...(f.openingBalanceFen !== undefined ? { openingBalanceFen: f.openingBalanceFen, closingBalanceFen: f.closingBalanceFen } : {}),
                },
              }
            : {}),
          publishedAt: at.toISOString(),
          authorId: actor.id,
          authorName: actor.name,
        }
        return async (w) => {
          await w.disclosures.insert(record)
          await w.disclosures.markRead(id, actor.id, record.publishedAt)
        }
      },
      async (repos, id) => disclosureView(repos, caller, (await repos.disclosures.find(id, actor.id))!),
    )
  }
}

export async function visibleDisclosure(repos: Repositories, actor: Actor, id: unknown): Promise<DisclosureRow> {
  const key = idOf(id)
  const row = key ? await repos.disclosures.find(key, actor.id) : null
  if (!row || row.communityId !== actor.communityId) throw notFound(DISCLOSURE_NOT_FOUND)
  return row
}

export function summaryOf(d: DisclosureRow, questions: number): DisclosureSummary {
  return {
    id: d.id,
    communityId: d.communityId,
    category: d.category,
    period: { ...d.period },
    periodLabel: periodLabel(d.period),
    title: d.title,
    publishedAt: d.publishedAt,
    publishedByName: d.authorName,
    readByMe: d.readByViewer,
    questions,
  }
}

async function disclosureView(repos: Repositories, caller: Caller, d: DisclosureRow): Promise<Disclosure> {
  const { actor } = caller
  const key = subjectKey({ kind: 'disclosure', id: d.id })
  const questions = (await repos.contributions.countMany([key])).get(key) ?? 0
  let reach = {}
  if (hasRole(actor, 'staff')) {
    const [residents, readers] = await Promise.all([repos.users.listResidents(d.communityId), repos.disclosures.listReaders(d.id)])
    const households = householdsOf(residents)
    const read = new Set(residents.filter((r) => readers.has(r.id)).map((r) => householdKey(r.home)))
    reach = { households: households.length, readHouseholds: read.size }
  }
  return {
    ...summaryOf(d, questions),
    body: d.body,
    photos: photosOf(caller, d.photoIds, await photoSight(repos, actor, d.photoIds)),
    ...(d.finance ? { finance: { ...d.finance, items: d.finance.items.map((i) => ({ ...i })) } } : {}),
    ...reach,
  }
}
