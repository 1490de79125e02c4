import { makeAutoObservable, runInAction } from 'mobx'
import type { LocalPhoto, ProgressInput, ProposalAnswerInput, ProposalQuery } from '../../types/api'
import type { Proposal, ProposalSummary, RatingLevel } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { PROPOSAL_LIMITS, validateMinutes, validateProgress, validateProposal } from '../domain/consultation/proposals'
import { cleanText } from '../domain/text'
import { hasErrors, type FieldErrors } from '../domain/validation'
import { randomId } from '../platform/ids'
import { readJson, taroStorage, writeJson, type KeyValueStorage } from '../platform/storage'
import { PagedList } from './paged-list'
import type { OnSignOut } from './sign-out'

const PAGE_SIZE = 20

/** The list's filter chips: every proposal, or one of the backend's filters. */
export type ProposalFilter = 'all' | NonNullable<ProposalQuery['filter']>

/** A convention article in force, as the new-proposal form shows it. */
export interface ArticleInForce {
  conventionTitle: string
  number: number
  title: string
  text: string
}

export type ProposalOutcome = { ok: true; proposal: Proposal } | { ok: false; message: string; fields: FieldErrors }

/** The proposal being written; kept in storage on every change, so nothing typed is lost on a crash. */
export interface ProposalDraft {
  /** The idempotency key of this proposal: kept across retries, renewed only for a new proposal. */
  key: string
  title: string
  body: string
  photos: LocalPhoto[]
  /** Opened from a convention article: the article and the wording proposed. */
  article?: { conventionId: string; articleId: string; proposedText: string }
  updatedAt: string
}

/** A new draft with its own key; `withKey: false` for the form nobody has opened (the same on every device). */
function blankDraft(article?: { conventionId: string; articleId: string }, withKey = true): ProposalDraft {
  return {
    key: withKey ? randomId('pk_') : '',
    title: '',
    body: '',
    photos: [],
    ...(article ? { article: { ...article, proposedText: '' } } : {}),
    updatedAt: withKey ? new Date().toISOString() : '',
  }
}

/** Why my household cannot co-sign a proposal, in the rule's words as the backend gives them; null when it can. */
export function cosignRefusal(p: Proposal): string | null {
  return p.canCosign ? null : (p.cosignRefusal ?? '您家暂时不能附议该议题')
}

/**
 * 民事民提 and 民事民评: proposal lists, one proposal, proposing with similar suggestions, co-signs,
 * staff answers, minutes, progress, ratings.
 */
export class ProposalsStore {
  filter: ProposalFilter = 'all'
  details = new Map<string, Proposal>()
  errors = new Map<string, string>()
  /** What is being sent (one write at a time). */
  busy: 'cosign' | 'rate' | 'answer' | 'minutes' | 'progress' | 'propose' | null = null

  // ---- the new proposal's draft ----
  draft: ProposalDraft = blankDraft(undefined, false)
  touched: Partial<Record<'title' | 'body' | 'proposedText', boolean>> = {}
  submitAttempted = false
  serverErrors: FieldErrors = {}
  /** Open proposals like the one being written (类似的议题). */
  similar: ProposalSummary[] = []
  /** Open proposals another one can be merged into (staff's 合并), loaded on demand. */
  openProposals: ProposalSummary[] = []
  /** The article a proposal would change, as in force now (`conventionId:articleId`). */
  articles = new Map<string, ArticleInForce>()

  private readonly list: PagedList<ProposalSummary>
  private storageKey: string | null = null
  private similarRequest = 0
  private storageImpl: KeyValueStorage | null

  constructor(
    private readonly api: Pick<ApiClient, 'conventions' | 'capabilities' | 'media'>,
    onSignOut: OnSignOut,
    /** Where the draft is kept (Taro storage unless told). */
    storage?: KeyValueStorage,
  ) {
    this.storageImpl = storage ?? null
    this.list = new PagedList((cursor) =>
      api.conventions.listProposals({ ...(this.filter === 'all' ? {} : { filter: this.filter }), ...(cursor ? { cursor } : {}), limit: PAGE_SIZE }),
    )
    makeAutoObservable<ProposalsStore, 'api' | 'list' | 'storageKey' | 'similarRequest' | 'storageImpl' | 'storage'>(
      this,
      { api: false, list: false, storageKey: false, similarRequest: false, storageImpl: false, storage: false },
      { autoBind: true },
    )
    onSignOut(this.clear)
  }

  /** Whether the backend offers conventions and consultation at all. */
  get available(): boolean {
    return this.api.capabilities.conventions
  }

  private get storage(): KeyValueStorage {
    if (!this.storageImpl) this.storageImpl = taroStorage()
    return this.storageImpl
  }

  // ---- the list ----

  get items(): ProposalSummary[] {
    return this.list.items
  }

  get loaded(): boolean {
    return this.list.loaded
  }

  get loading(): boolean {
    return this.list.loading
  }

  get loadingMore(): boolean {
    return this.list.loadingMore
  }

  get error(): string | null {
    return this.list.error
  }

  get hasMore(): boolean {
    return this.list.hasMore
  }

  /** Another filter: the list is read again (an answer to the previous filter is dropped). */
  async setFilter(filter: ProposalFilter): Promise<void> {
    if (filter === this.filter && this.list.loaded) return
    this.filter = filter
    this.list.clear()
    await this.list.refresh()
  }

  async refresh(): Promise<void> {
    if (!this.available) return
    await this.list.refresh()
  }

  loadMore(): Promise<void> {
    return this.list.loadMore()
  }

  // ---- one proposal ----

  get(id: string): Proposal | undefined {
    return this.details.get(id)
  }

  async load(id: string): Promise<void> {
    try {
      const proposal = await this.api.conventions.getProposal(id)
      runInAction(() => {
        this.put(proposal)
        this.errors.delete(id)
      })
    } catch (error) {
      runInAction(() => this.errors.set(id, messageOf(error)))
    }
  }

  /** A proposal the backend answered: the detail, and its row in the list. */
  private put(proposal: Proposal): void {
    this.details.set(proposal.id, proposal)
    this.list.update((items) =>
      items.map((i) => {
        if (i.id !== proposal.id) return i
        const { body: _b, photos: _p, article: _a, answer: _an, minutes: _m, voteId: _v, evaluation: _e, canCosign: _c, canRate: _r, ...summary } = proposal
        return summary
      }),
    )
  }

  private async write(kind: NonNullable<ProposalsStore['busy']>, send: () => Promise<Proposal>): Promise<ProposalOutcome> {
    if (this.busy) return { ok: false, message: '正在提交，请稍候', fields: {} }
    this.busy = kind
    try {
      const proposal = await send()
      runInAction(() => this.put(proposal))
      return { ok: true, proposal }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.busy = null))
    }
  }

  /** 附议: my household co-signs (repeating it answers the same). */
  cosign(id: string): Promise<ProposalOutcome> {
    return this.write('cosign', () => this.api.conventions.cosign(id))
  }

  /** My household rates a done decision. */
  rate(id: string, level: RatingLevel): Promise<ProposalOutcome> {
    return this.write('rate', () => this.api.conventions.rate(id, { level, comment: '' }))
  }

  /** Staff: 列入议程 / 不予采纳 / 合并. */
  answer(id: string, input: ProposalAnswerInput): Promise<ProposalOutcome> {
    const reason = cleanText(input.reason)
    if (input.kind === 'declined' && Array.from(reason).length < PROPOSAL_LIMITS.reasonMin) {
      return Promise.resolve({ ok: false, message: '不予采纳请写明理由，居民会看到', fields: { reason: '不予采纳请写明理由，居民会看到' } })
    }
    if (input.kind === 'merged' && !input.intoProposalId) {
      return Promise.resolve({ ok: false, message: '请选择合并到的议题', fields: { intoProposalId: '请选择合并到的议题' } })
    }
    return this.write('answer', () => this.api.conventions.answer(id, { ...input, reason }))
  }

  /** Staff: 议事会纪要, with photos uploaded first. `key` is kept by the screen across retries. */
  addMinutes(id: string, text: string, photos: LocalPhoto[], key: string): Promise<ProposalOutcome> {
    const fields = validateMinutes({ text, photoIds: photos.map((p) => p.path) })
    if (hasErrors(fields)) return Promise.resolve({ ok: false, message: Object.values(fields)[0], fields })
    return this.write('minutes', async () => {
      const photoIds = await this.upload(photos)
      return this.api.conventions.addMinutes(id, { text: cleanText(text), photoIds }, { idempotencyKey: key })
    })
  }

  /** Staff: progress of an adopted decision (the first names who carries it out). */
  addProgress(id: string, input: Omit<ProgressInput, 'photoIds'>, photos: LocalPhoto[], key: string): Promise<ProposalOutcome> {
    const current = this.details.get(id)?.evaluation
    const last = current && current.updates.length ? current.updates[current.updates.length - 1].percent : null
    const body: Omit<ProgressInput, 'photoIds'> = {
      percent: input.percent,
      text: cleanText(input.text),
      ...(input.responsible !== undefined && cleanText(input.responsible) ? { responsible: cleanText(input.responsible) } : {}),
    }
    const fields = validateProgress({ ...body, photoIds: photos.map((p) => p.path) }, last, Boolean(current?.responsible))
    if (hasErrors(fields)) return Promise.resolve({ ok: false, message: Object.values(fields)[0], fields })
    return this.write('progress', async () => {
      const photoIds = await this.upload(photos)
      return this.api.conventions.addProgress(id, { ...body, photoIds }, { idempotencyKey: key })
    })
  }

  /** Open proposals a duplicate can be merged into (this one left out). */
  async loadOpenProposals(exceptId: string): Promise<void> {
    try {
      const page = await this.api.conventions.listProposals({ filter: 'open', limit: 50 })
      runInAction(() => (this.openProposals = page.items.filter((p) => p.id !== exceptId)))
    } catch {
      runInAction(() => (this.openProposals = []))
    }
  }

  /** The article a new proposal would change, with its text in force (quiet on failure: the form still works). */
  async loadArticle(conventionId: string, articleId: string): Promise<void> {
    try {
      const convention = await this.api.conventions.get(conventionId)
      const article = convention.inForce?.articles.find((a) => a.id === articleId)
      if (!article) return
      runInAction(() => this.articles.set(`${conventionId}:${articleId}`, { conventionTitle: convention.title, number: article.number, title: article.title, text: article.text }))
    } catch {
      // The proposed wording can be written without the current text on screen.
    }
  }

  private async upload(photos: LocalPhoto[]): Promise<string[]> {
    const ids: string[] = []
    for (const photo of photos) ids.push((await this.api.media.uploadPhoto(photo)).id)
    return ids
  }

  // ---- proposing ----

  /**
   * Load the signed-in user's draft: one for a plain proposal, one per convention article (opened
   * from the article, it asks for the proposed wording).
   */
  openDraft(userId: string, article?: { conventionId: string; articleId: string }): void {
    const key = `linli.proposal-draft.${userId}${article ? `.${article.conventionId}.${article.articleId}` : ''}`
    if (key === this.storageKey) return
    this.storageKey = key
    const saved = readJson<ProposalDraft>(this.storage, key)
    const blank = blankDraft(article)
    this.draft = saved && typeof saved.key === 'string' ? { ...blank, ...saved, ...(article ? { article: { ...article, proposedText: saved.article?.proposedText ?? '' } } : {}) } : blank
    this.touched = {}
    this.submitAttempted = false
    this.serverErrors = {}
    this.similar = []
  }

  get hasContent(): boolean {
    const d = this.draft
    return Boolean(d.title.trim() || d.body.trim() || d.photos.length || d.article?.proposedText.trim())
  }

  get draftErrors(): FieldErrors {
    const d = this.draft
    return { ...validateProposal({ title: d.title, body: d.body, photoIds: d.photos.map((p) => p.path), ...(d.article ? { article: d.article } : {}) }), ...this.serverErrors }
  }

  /** Errors worth showing now: of fields the user has left, or all of them after a submit attempt. */
  get visibleDraftErrors(): FieldErrors {
    const shown: FieldErrors = {}
    for (const [field, message] of Object.entries(this.draftErrors)) {
      const name = field === 'article.proposedText' ? 'proposedText' : field
      if (this.submitAttempted || this.touched[name as 'title'] || field in this.serverErrors) shown[field] = message
    }
    return shown
  }

  get photosLeft(): number {
    return PROPOSAL_LIMITS.photosMax - this.draft.photos.length
  }

  private change(patch: Partial<ProposalDraft>, field?: string): void {
    this.draft = { ...this.draft, ...patch, updatedAt: new Date().toISOString() }
    if (field) {
      const cleared = { ...this.serverErrors }
      delete cleared[field]
      this.serverErrors = cleared
    }
    if (this.storageKey) writeJson(this.storage, this.storageKey, this.draft)
  }

  touch(field: 'title' | 'body' | 'proposedText'): void {
    this.touched = { ...this.touched, [field]: true }
  }

  setTitle(title: string): void {
    this.change({ title }, 'title')
  }

  setBody(body: string): void {
    this.change({ body }, 'body')
  }

  setProposedText(proposedText: string): void {
    if (!this.draft.article) return
    this.change({ article: { ...this.draft.article, proposedText } }, 'article.proposedText')
  }

  /** Add photos, up to the limit; says how many did not fit. */
  addPhotos(photos: LocalPhoto[]): number {
    const taken = photos.slice(0, Math.max(0, this.photosLeft))
    this.change({ photos: [...this.draft.photos, ...taken] }, 'photoIds')
    return photos.length - taken.length
  }

  removePhoto(index: number): void {
    this.change({ photos: this.draft.photos.filter((_, i) => i !== index) }, 'photoIds')
  }

  discardDraft(): void {
    const article = this.draft.article
    this.draft = blankDraft(article ? { conventionId: article.conventionId, articleId: article.articleId } : undefined)
    this.touched = {}
    this.submitAttempted = false
    this.serverErrors = {}
    this.similar = []
    if (this.storageKey) this.storage.remove(this.storageKey)
  }

  /** Open proposals like `text` (the title and text typed so far); the latest request wins. */
  async findSimilar(text: string): Promise<void> {
    const request = ++this.similarRequest
    if (Array.from(cleanText(text)).length < 4) {
      this.similar = []
      return
    }
    try {
      const found = await this.api.conventions.similarProposals(cleanText(text))
      runInAction(() => {
        if (request === this.similarRequest) this.similar = found
      })
    } catch {
      // A suggestion only: without it the resident simply proposes.
    }
  }

  /**
   * Send the draft: photos first, then the proposal under the draft's key (a retry after a lost
   * answer never makes a second one). A refusal keeps every word and says which field.
   */
  async propose(): Promise<ProposalOutcome> {
    this.submitAttempted = true
    if (!this.draft.key) this.change({ key: randomId('pk_') })
    const errors = this.draftErrors
    if (hasErrors(errors)) return { ok: false, message: Object.values(errors)[0], fields: errors }
    const d = this.draft
    const outcome = await this.write('propose', async () => {
      const photoIds = await this.upload(d.photos)
      return this.api.conventions.propose(
        {
          title: cleanText(d.title),
          body: cleanText(d.body),
          photoIds,
          ...(d.article ? { article: { ...d.article, proposedText: cleanText(d.article.proposedText) } } : {}),
        },
        { idempotencyKey: d.key },
      )
    })
    runInAction(() => {
      if (outcome.ok) {
        this.discardDraft()
        this.list.update((items) => (items.some((i) => i.id === outcome.proposal.id) ? items : [outcome.proposal, ...items]))
      } else if (Object.keys(outcome.fields).length) {
        this.serverErrors = outcome.fields
        // A field refusal made no proposal: the corrected one goes under a new key.
        this.change({ key: randomId('pk_') })
      }
    })
    return outcome
  }

  clear(): void {
    this.list.clear()
    this.filter = 'all'
    this.details.clear()
    this.errors.clear()
    this.busy = null
    this.storageKey = null
    this.draft = blankDraft(undefined, false)
    this.touched = {}
    this.submitAttempted = false
    this.serverErrors = {}
    this.similar = []
    this.openProposals = []
    this.articles.clear()
    this.similarRequest += 1
  }
}
