import type { ArticleInput, ConventionDraftInput, ConventionInput } from '../../../types/api'
import type { ArticleChange, ConventionArticle, ConventionKind, ConventionVersion, Id } from '../../../types/domain'
import type { Actor } from '../actor'
import { hasRole } from '../actor'
import type { Refusal } from '../membership'
import { INSTANT_MESSAGES, instantProblem } from '../instants'
import { cleanText, textLength } from '../text'
import type { FieldErrors } from '../validation'
import type { HouseholdKey } from './households'

/** 社区公约 / 村规民约 / 微公约: versions, what binds whom, the differences between versions. */

export const CONVENTION_LIMITS = {
  titleMin: 2,
  titleMax: 40,
  articlesMin: 1,
  articlesMax: 60,
  articleTitleMax: 30,
  articleTextMin: 2,
  articleTextMax: 1000,
  changeNoteMin: 2,
  changeNoteMax: 300,
  buildingsMax: 50,
} as const

export { CONVENTION_KIND_LABEL } from './labels'

/** What a convention binds: its community, or (微公约) its buildings. */
export interface ConventionScope {
  communityId: Id
  kind: ConventionKind
  buildingIds: readonly Id[]
}

/** Whether the convention binds a household living at `home` in `communityId`. */
export function bindsHousehold(c: ConventionScope, communityId: Id | null, home: HouseholdKey | undefined): boolean {
  if (!home || communityId !== c.communityId) return false
  return c.kind !== 'building' || c.buildingIds.includes(home.buildingId)
}

/**
 * Who reads a convention: the community's conventions, everyone of the community; a 微公约, the
 * people of its buildings, the leaders of any of them, and staff.
 */
export function canSeeConvention(actor: Actor, c: ConventionScope): boolean {
  if (actor.communityId !== c.communityId) return false
  if (c.kind !== 'building' || hasRole(actor, 'staff')) return true
  return bindsHousehold(c, actor.communityId, actor.home) || actor.leadsBuildingIds.some((b) => c.buildingIds.includes(b))
}

/** Who writes a convention's versions: staff; a building leader, a 微公约 of buildings they all lead. */
export function refuseManageConvention(actor: Actor, c: Pick<ConventionScope, 'kind' | 'buildingIds'>): Refusal | null {
  if (hasRole(actor, 'staff')) return null
  if (c.kind === 'building' && hasRole(actor, 'building_leader') && c.buildingIds.length > 0 && c.buildingIds.every((b) => actor.leadsBuildingIds.includes(b))) return null
  return { code: 'forbidden', message: c.kind === 'building' ? '只有社区工作者或这些楼栋的楼栋长可以修订微公约' : '只有社区工作者可以修订社区公约' }
}

/** Who sees drafts and the acknowledgement sheet: who may manage it, and (sheet) leaders for their buildings. */
export function canSeeDrafts(actor: Actor, c: Pick<ConventionScope, 'kind' | 'buildingIds'>): boolean {
  return refuseManageConvention(actor, c) === null
}

/**
 * The version in force at `now`: the published version with the latest `effectiveFrom` not after
 * `now` (on a tie, the higher version).
 */
export function versionInForce<V extends Pick<ConventionVersion, 'version' | 'status' | 'effectiveFrom'>>(versions: readonly V[], now: Date): V | undefined {
  let best: V | undefined
  for (const v of versions) {
    if (v.status !== 'published' || !v.effectiveFrom || Date.parse(v.effectiveFrom) > now.getTime()) continue
    const [at, bestAt] = [Date.parse(v.effectiveFrom), best ? Date.parse(best.effectiveFrom!) : -Infinity]
    if (!best || at > bestAt || (at === bestAt && v.version > best.version)) best = v
  }
  return best
}

/** The draft being prepared (the latest version, when it is a draft). */
export function currentDraft<V extends Pick<ConventionVersion, 'version' | 'status'>>(versions: readonly V[]): V | undefined {
  const latest = versions.reduce<V | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined)
  return latest?.status === 'draft' ? latest : undefined
}

function validateArticles(articles: unknown, existingIds: ReadonlySet<Id>, errors: FieldErrors): void {
  if (!Array.isArray(articles) || articles.length < CONVENTION_LIMITS.articlesMin) {
    errors.articles = '请至少写一条条款'
    return
  }
  if (articles.length > CONVENTION_LIMITS.articlesMax) {
    errors.articles = `条款不能超过${CONVENTION_LIMITS.articlesMax}条`
    return
  }
  const seen = new Set<string>()
  articles.forEach((a: Partial<ArticleInput> | null, i) => {
    const at = `articles.${i}`
    const n = i + 1
    if (!a || typeof a !== 'object') {
      errors[at] = `第${n}条格式不正确`
      return
    }
    if (a.id !== undefined) {
      if (typeof a.id !== 'string' || !existingIds.has(a.id)) errors[`${at}.id`] = `第${n}条不是本公约原有的条款，请刷新后重试`
      else if (seen.has(a.id)) errors[`${at}.id`] = `第${n}条与前面的条款重复`
      else seen.add(a.id)
    }
    const title = typeof a.title === 'string' ? cleanText(a.title) : ''
    if (textLength(title) > CONVENTION_LIMITS.articleTitleMax) errors[`${at}.title`] = `第${n}条的标题不能超过${CONVENTION_LIMITS.articleTitleMax}个字`
    const text = typeof a.text === 'string' ? cleanText(a.text) : ''
    if (textLength(text) < CONVENTION_LIMITS.articleTextMin) errors[`${at}.text`] = `请填写第${n}条的内容`
    else if (textLength(text) > CONVENTION_LIMITS.articleTextMax) errors[`${at}.text`] = `第${n}条不能超过${CONVENTION_LIMITS.articleTextMax}个字`
  })
}

function validateChangeNote(note: unknown, errors: FieldErrors): void {
  const text = typeof note === 'string' ? cleanText(note) : ''
  if (textLength(text) < CONVENTION_LIMITS.changeNoteMin) errors.changeNote = '请说明本版的制定或修订情况（如“经2026年11月居民会议通过”）'
  else if (textLength(text) > CONVENTION_LIMITS.changeNoteMax) errors.changeNote = `修订说明不能超过${CONVENTION_LIMITS.changeNoteMax}个字`
}

export function validateConvention(input: Partial<ConventionInput>, communityBuildingIds: readonly Id[], now: Date): FieldErrors {
  const errors: FieldErrors = {}
  if (input.kind !== 'community' && input.kind !== 'village' && input.kind !== 'building') errors.kind = '请选择公约类型'
  const title = typeof input.title === 'string' ? cleanText(input.title) : ''
  if (textLength(title) < CONVENTION_LIMITS.titleMin) errors.title = `请填写公约名称（至少${CONVENTION_LIMITS.titleMin}个字）`
  else if (textLength(title) > CONVENTION_LIMITS.titleMax) errors.title = `公约名称不能超过${CONVENTION_LIMITS.titleMax}个字`
  const ids = Array.isArray(input.buildingIds) ? input.buildingIds : null
  if (!ids) errors.buildingIds = '请选择楼栋'
  else if (input.kind === 'building') {
    if (ids.length === 0) errors.buildingIds = '微公约请至少选择一栋楼'
    else if (ids.length > CONVENTION_LIMITS.buildingsMax) errors.buildingIds = `最多选择${CONVENTION_LIMITS.buildingsMax}栋楼`
    else if (ids.some((id) => !communityBuildingIds.includes(id))) errors.buildingIds = '所选楼栋不在本社区，请重新选择'
  } else if (ids.length > 0) errors.buildingIds = '社区公约和村规民约适用于全社区，不用选择楼栋'
  validateArticles(input.articles, new Set(), errors)
  validateChangeNote(input.changeNote, errors)
  if (typeof input.publish !== 'boolean') errors.publish = '请选择立即发布还是保存为草案'
  if (input.effectiveFrom !== undefined) {
    const problem = instantProblem(input.effectiveFrom)
    if (problem) errors.effectiveFrom = problem === 'range' ? INSTANT_MESSAGES.range : '请选择生效日期'
  }
  void now
  return errors
}

export function validateDraft(input: Partial<ConventionDraftInput>, existingArticleIds: ReadonlySet<Id>): FieldErrors {
  const errors: FieldErrors = {}
  validateArticles(input.articles, existingArticleIds, errors)
  validateChangeNote(input.changeNote, errors)
  return errors
}

/** A draft's articles: kept ids stay, new articles get `newId()`, numbered in order from 1. */
export function numberArticles(articles: readonly ArticleInput[], newId: () => Id): ConventionArticle[] {
  return articles.map((a, i) => ({ id: a.id ?? newId(), number: i + 1, title: cleanText(a.title ?? ''), text: cleanText(a.text) }))
}

/**
 * 修订记录: the differences from `before` to `after`, article by article, matched by id — in the
 * order of `after`, with removed articles after the one that preceded them in `before`.
 */
export function diffArticles(before: readonly ConventionArticle[], after: readonly ConventionArticle[]): ArticleChange[] {
  const old = new Map(before.map((a) => [a.id, a]))
  const kept = new Set(after.map((a) => a.id))
  const view = (a: ConventionArticle) => ({ number: a.number, title: a.title, text: a.text })
  const changes: ArticleChange[] = []
  const removedAfter = new Map<Id | null, ConventionArticle[]>()
  let previous: Id | null = null
  for (const a of before) {
    if (!kept.has(a.id)) removedAfter.set(previous, [...(removedAfter.get(previous) ?? []), a])
    else previous = a.id
  }
  const pushRemoved = (key: Id | null) => {
    for (const r of removedAfter.get(key) ?? []) changes.push({ articleId: r.id, change: 'removed', before: view(r) })
  }
  pushRemoved(null)
  for (const a of after) {
    const b = old.get(a.id)
    if (!b) changes.push({ articleId: a.id, change: 'added', after: view(a) })
    else {
      const change = b.text !== a.text || b.title !== a.title ? 'changed' : b.number !== a.number ? 'renumbered' : 'unchanged'
      changes.push({ articleId: a.id, change, before: view(b), after: view(a) })
    }
    pushRemoved(a.id)
  }
  return changes
}

/** The articles of the next version when a proposal to change one article is adopted. */
export function amendArticle(articles: readonly ConventionArticle[], articleId: Id, text: string): ArticleInput[] {
  return articles.map((a) => ({ id: a.id, title: a.title, text: a.id === articleId ? cleanText(text) : a.text }))
}

/** Why my household cannot acknowledge (null: it may). */
export function refuseAcknowledge(actor: Actor, c: ConventionScope, inForce: boolean): Refusal | null {
  if (!actor.home) return { code: 'forbidden', message: '完成房屋认证后，才能代表您家承诺遵守' }
  if (!bindsHousehold(c, actor.communityId, actor.home)) {
    return { code: 'forbidden', message: c.kind === 'building' ? '这份微公约不适用于您所在的楼栋' : '这份公约不适用于您家' }
  }
  if (!inForce) return { code: 'forbidden', message: '这份公约还没有生效的版本' }
  return null
}
