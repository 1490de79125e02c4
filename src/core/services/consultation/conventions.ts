import type { ConventionDraftInput, ConventionInput } from '../../../../types/api'
import type { AcknowledgementSheet, ArticleChange, Convention, ConventionVersion, Id } from '../../../../types/domain'
import { hasRole, type Actor } from '../../../domain/actor'
import {
  bindsHousehold,
  canSeeConvention,
  canSeeDrafts,
  currentDraft,
  diffArticles,
  numberArticles,
  refuseAcknowledge,
  refuseManageConvention,
  validateConvention,
  validateDraft,
  versionInForce,
} from '../../../domain/consultation/conventions'
import { householdKey, householdsOf } from '../../../domain/consultation/households'
import { INSTANT_MESSAGES, instantProblem } from '../../../domain/instants'
import { cleanText, compareCodePoints } from '../../../domain/text'
import { hasErrors } from '../../../domain/validation'
import type { Caller, Runtime } from '../../context'
import { forbidden, notFound, requireCommunity, validationError } from '../../errors'
import type { ConventionRecord, ConventionVersionRecord, Repositories, Store } from '../../ports'
import { createOnce, idOf, refuse } from './shared'
import { residentNameFor } from '../../../domain/masking'

export const CONVENTION_NOT_FOUND = '公约不存在或您无权查看'

/**
 * 社区公约 / 村规民约 / 微公约: versions (draft → published, or rejected by its vote), 修订记录,
 * and 承诺遵守 by household. A convention one may not read answers not_found whether or not it exists.
 */
export class ConventionService {
  constructor(
    private readonly store: Store,
    private readonly rt: Runtime,
  ) {}

  async list(caller: Caller): Promise<Convention[]> {
    const { actor } = caller
    const records = (await this.store.conventions.list(requireCommunity(actor))).filter((c) => canSeeConvention(actor, c))
    return conventionViews(this.store, actor, records, this.rt.now())
  }

  async get(caller: Caller, id: unknown): Promise<Convention> {
    const record = await visibleConvention(this.store, caller.actor, id)
    return (await conventionViews(this.store, caller.actor, [record], this.rt.now()))[0]
  }

  async getVersion(caller: Caller, id: unknown, version: unknown): Promise<ConventionVersion> {
    const record = await visibleConvention(this.store, caller.actor, id)
    return viewVersion(await readableVersion(this.store, caller.actor, record, version))
  }

  async diff(caller: Caller, id: unknown, from: unknown, to: unknown): Promise<ArticleChange[]> {
    const record = await visibleConvention(this.store, caller.actor, id)
    const [a, b] = [await readableVersion(this.store, caller.actor, record, from), await readableVersion(this.store, caller.actor, record, to)]
    return diffArticles(a.articles, b.articles)
  }

  async create(caller: Caller, input: ConventionInput, options: { idempotencyKey: unknown }): Promise<Convention> {
    const { actor } = caller
    const communityId = requireCommunity(actor)
    // Who may write a convention of this kind and these buildings, before the text is looked at (403 before 422).
    const kind = input && typeof input === 'object' ? input.kind : undefined
    const buildingIds = input && Array.isArray(input.buildingIds) ? input.buildingIds : []
    refuse(refuseManageConvention(actor, { kind: kind === 'building' ? 'building' : 'community', buildingIds }))
    return createOnce(
      this.store,
      this.rt,
      caller,
      { kind: 'convention', key: options?.idempotencyKey, input, idPrefix: 'cv' },
      async (tx, id, at) => {
        const buildings = await tx.directory.listBuildings(communityId)
        const errors = validateConvention(input, buildings.map((b) => b.id), at)
        if (hasErrors(errors)) throw validationError(errors)
        const effectiveFrom = input.effectiveFrom !== undefined ? new Date(Date.parse(input.effectiveFrom)).toISOString() : at.toISOString()
        const record: ConventionRecord = {
          id,
          communityId,
          kind: input.kind,
          title: cleanText(input.title),
          buildingIds: input.kind === 'building' ? [...new Set(input.buildingIds)] : [],
          createdAt: at.toISOString(),
          createdById: actor.id,
          createdByName: actor.name,
        }
        const first: ConventionVersionRecord = {
          conventionId: id,
          version: 1,
          status: input.publish ? 'published' : 'draft',
          articles: numberArticles(input.articles, () => this.rt.newId('art')),
          changeNote: cleanText(input.changeNote),
          ...(input.publish ? { effectiveFrom } : {}),
          createdAt: at.toISOString(),
          createdByName: actor.name,
        }
        return async (w) => {
          await w.conventions.insert(record)
          await w.conventions.insertVersion(first)
        }
      },
      async (repos, id) => (await conventionViews(repos, actor, [(await repos.conventions.find(id))!], this.rt.now()))[0],
    )
  }

  /** Write the next version as a draft, or rewrite the draft not yet put to a vote. */
  async saveDraft(caller: Caller, id: unknown, input: ConventionDraftInput): Promise<Convention> {
    const { actor } = caller
    const at = this.rt.now()
    await this.store.transaction(async (tx) => {
      const record = await managedConvention(tx, actor, id, true)
      const versions = await tx.conventions.listVersions([record.id])
      const draft = currentDraft(versions)
      if (draft?.voteId) throw forbidden('草案正在表决，表决结束前不能修改')
      const base = draft ? versions.filter((v) => v.version < draft.version).pop() : versions[versions.length - 1]
      const known = new Set([...(base?.articles ?? []), ...(draft?.articles ?? [])].map((a) => a.id))
      const errors = validateDraft(input ?? {}, known)
      if (hasErrors(errors)) throw validationError(errors)
      const articles = numberArticles(input.articles, () => this.rt.newId('art'))
      const changeNote = cleanText(input.changeNote)
      if (draft) await tx.conventions.replaceDraft(record.id, draft.version, { articles, changeNote, createdAt: at.toISOString(), createdByName: actor.name })
      else {
        const version = (versions[versions.length - 1]?.version ?? 0) + 1
        await tx.conventions.insertVersion({ conventionId: record.id, version, status: 'draft', articles, changeNote, createdAt: at.toISOString(), createdByName: actor.name })
      }
    })
    return this.get(caller, id)
  }

  /** Publish the draft without a vote (adopted at a residents' meeting), effective from the date given or now. */
  async publishDraft(caller: Caller, id: unknown, input: { effectiveFrom?: string } = {}): Promise<Convention> {
    const { actor } = caller
    const at = this.rt.now()
    const problem = input && input.effectiveFrom !== undefined ? instantProblem(input.effectiveFrom) : null
    if (problem) throw validationError({ effectiveFrom: problem === 'range' ? INSTANT_MESSAGES.range : '请选择生效日期' })
    const effective = input && input.effectiveFrom !== undefined ? Date.parse(input.effectiveFrom) : at.getTime()
    await this.store.transaction(async (tx) => {
      const record = await managedConvention(tx, actor, id, true)
      const draft = currentDraft(await tx.conventions.listVersions([record.id]))
      if (!draft) throw forbidden('没有待发布的草案')
      if (draft.voteId) throw forbidden('草案已提交表决，表决通过并公示后自动生效')
      await tx.conventions.updateVersion(record.id, draft.version, { status: 'published', effectiveFrom: new Date(effective).toISOString() })
    })
    return this.get(caller, id)
  }

  /** 承诺遵守: my household acknowledges the version in force (again: the first stands). */
  async acknowledge(caller: Caller, id: unknown): Promise<Convention> {
    const { actor } = caller
    const now = this.rt.now()
    const record = await visibleConvention(this.store, actor, id)
    const inForce = versionInForce(await this.store.conventions.listVersions([record.id]), now)
    refuse(refuseAcknowledge(actor, record, inForce !== undefined))
    await this.store.conventions.acknowledge({
      conventionId: record.id,
      version: inForce!.version,
      buildingId: actor.home!.buildingId,
      room: actor.home!.room,
      userId: actor.id,
      userName: actor.name,
      at: now.toISOString(),
    })
    return (await conventionViews(this.store, actor, [record], now))[0]
  }

  /** Which households acknowledged the version in force: a leader their buildings', staff (and its managers) all. */
  async acknowledgements(caller: Caller, id: unknown): Promise<AcknowledgementSheet> {
    const { actor } = caller
    const now = this.rt.now()
    const record = await visibleConvention(this.store, actor, id)
    const all = canSeeDrafts(actor, record)
    if (!all && !hasRole(actor, 'building_leader')) throw forbidden('只有社区工作者和楼栋长可以查看各户的承诺情况')
    const inForce = versionInForce(await this.store.conventions.listVersions([record.id]), now)
    if (!inForce) throw forbidden('这份公约还没有生效的版本')
    const [buildings, residents, acks] = await Promise.all([
      this.store.directory.listBuildings(record.communityId),
      this.store.users.listResidents(record.communityId),
      this.store.conventions.listAcknowledgements([{ conventionId: record.id, version: inForce.version }]),
    ])
    const order = new Map(buildings.map((b, i) => [b.id, i]))
    const names = new Map(buildings.map((b) => [b.id, b.name]))
    const byHousehold = new Map(acks.map((a) => [householdKey(a), a]))
    const households = householdsOf(residents.filter((r) => bindsHousehold(record, record.communityId, r.home)))
      .filter((h) => all || actor.leadsBuildingIds.includes(h.buildingId))
      .sort((a, b) => (order.get(a.buildingId) ?? 0) - (order.get(b.buildingId) ?? 0) || compareRooms(a.room, b.room))
    const rows = households.map((h) => {
      const ack = byHousehold.get(householdKey(h))
      return { buildingId: h.buildingId, buildingName: names.get(h.buildingId) ?? '', room: h.room, acknowledged: Boolean(ack), ...(ack ? { byName: residentNameFor(actor, { id: ack.userId, name: ack.userName }), at: ack.at } : {}) }
    })
    return { conventionId: record.id, version: inForce.version, households: rows.length, acknowledged: rows.filter((r) => r.acknowledged).length, rows }
  }
}

/** Rooms in the order people count them (202 before 1001), then as text. */
export function compareRooms(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN', { numeric: true }) || compareCodePoints(a, b)
}

export async function visibleConvention(repos: Repositories, actor: Actor, id: unknown, forUpdate = false): Promise<ConventionRecord> {
  const key = idOf(id)
  const record = key ? await (forUpdate ? repos.conventions.findForUpdate(key) : repos.conventions.find(key)) : null
  if (!record || !canSeeConvention(actor, record)) throw notFound(CONVENTION_NOT_FOUND)
  return record
}

/** A convention the actor may write versions of (held until the transaction ends when `forUpdate`). */
export async function managedConvention(repos: Repositories, actor: Actor, id: unknown, forUpdate: boolean): Promise<ConventionRecord> {
  const record = await visibleConvention(repos, actor, id, forUpdate)
  refuse(refuseManageConvention(actor, record))
  return record
}

async function readableVersion(repos: Repositories, actor: Actor, record: ConventionRecord, version: unknown): Promise<ConventionVersionRecord> {
  const n = typeof version === 'string' ? Number(version) : version
  const found = Number.isInteger(n) ? (await repos.conventions.listVersions([record.id])).find((v) => v.version === n) : undefined
  if (!found || (found.status !== 'published' && !canSeeDrafts(actor, record))) throw notFound('该版本不存在')
  return found
}

function viewVersion(v: ConventionVersionRecord): ConventionVersion {
  return {
    version: v.version,
    status: v.status,
    articles: v.articles.map((a) => ({ ...a })),
    changeNote: v.changeNote,
    ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom } : {}),
    ...(v.voteId ? { voteId: v.voteId } : {}),
    createdAt: v.createdAt,
    createdByName: v.createdByName,
  }
}

/** Conventions as `actor` reads them at `now`: in one go for any number (versions, acknowledgements, households). */
export async function conventionViews(repos: Repositories, actor: Actor, records: readonly ConventionRecord[], now: Date): Promise<Convention[]> {
  if (records.length === 0) return []
  const communityId = records[0].communityId
  const [versions, buildings, residents] = await Promise.all([
    repos.conventions.listVersions(records.map((r) => r.id)),
    repos.directory.listBuildings(communityId),
    repos.users.listResidents(communityId),
  ])
  const inForce = new Map<Id, ConventionVersionRecord>()
  for (const r of records) {
    const v = versionInForce(versions.filter((x) => x.conventionId === r.id), now)
    if (v) inForce.set(r.id, v)
  }
  const acks = await repos.conventions.listAcknowledgements([...inForce.values()].map((v) => ({ conventionId: v.conventionId, version: v.version })))
  const names = new Map(buildings.map((b) => [b.id, b.name]))
  return records.map((r) => {
    const current = inForce.get(r.id)
    const bound = householdsOf(residents.filter((x) => bindsHousehold(r, r.communityId, x.home)))
    const boundKeys = new Set(bound.map(householdKey))
    const mine = current ? acks.filter((a) => a.conventionId === r.id && a.version === current.version) : []
    const myAck = actor.home ? mine.find((a) => householdKey(a) === householdKey(actor.home!)) : undefined
    const drafts = canSeeDrafts(actor, r)
    return {
      id: r.id,
      communityId: r.communityId,
      kind: r.kind,
      title: r.title,
      buildingIds: [...r.buildingIds],
      buildingNames: r.buildingIds.map((b) => names.get(b) ?? ''),
      ...(current ? { inForce: viewVersion(current) } : {}),
      versions: versions
        .filter((v) => v.conventionId === r.id && (drafts || v.status === 'published'))
        .map((v) => {
          const { articles: _articles, ...rest } = viewVersion(v)
          return rest
        }),
      bindsMe: bindsHousehold(r, actor.communityId, actor.home),
      ...(myAck ? { myAcknowledgement: { byName: myAck.userName, at: myAck.at } } : {}),
      households: bound.length,
      acknowledgedHouseholds: new Set(mine.map(householdKey).filter((k) => boundKeys.has(k))).size,
      createdAt: r.createdAt,
    }
  })
}
