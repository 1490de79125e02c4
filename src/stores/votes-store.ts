import { makeAutoObservable, runInAction } from 'mobx'
import type { PaperBallotInput, VoteInput } from '../../types/api'
import type { Vote, VoteRoll } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { validateVote } from '../domain/consultation/votes'
import { cleanText } from '../domain/text'
import { hasErrors, type FieldErrors } from '../domain/validation'
import { PagedList } from './paged-list'
import type { OnSignOut } from './sign-out'

const PAGE_SIZE = 20

export type VoteOutcome = { ok: true; vote: Vote } | { ok: false; message: string; fields: FieldErrors }

/** 民事民决: vote lists, one vote, casting, paper ballots, the roll, opening a vote, publishing the result. */
export class VotesStore {
  details = new Map<string, Vote>()
  errors = new Map<string, string>()
  rolls = new Map<string, VoteRoll>()
  rollErrors = new Map<string, string>()
  /** Titles of conventions a new vote is about (prefilling the form). */
  conventionTitles = new Map<string, string>()
  /** What is being sent (one write at a time). */
  busy: 'cast' | 'paper' | 'publish' | 'open' | null = null
  private readonly list: PagedList<Vote>

  constructor(
    private readonly api: Pick<ApiClient, 'conventions' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    this.list = new PagedList((cursor) => api.conventions.listVotes({ ...(cursor ? { cursor } : {}), limit: PAGE_SIZE }))
    makeAutoObservable<VotesStore, 'api' | 'list'>(this, { api: false, list: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers conventions and consultation at all. */
  get available(): boolean {
    return this.api.capabilities.conventions
  }

  get items(): Vote[] {
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

  async refresh(): Promise<void> {
    if (!this.available) return
    await this.list.refresh()
  }

  loadMore(): Promise<void> {
    return this.list.loadMore()
  }

  get(id: string): Vote | undefined {
    return this.details.get(id) ?? this.items.find((v) => v.id === id)
  }

  async load(id: string): Promise<void> {
    try {
      const vote = await this.api.conventions.getVote(id)
      runInAction(() => {
        this.put(vote)
        this.errors.delete(id)
      })
    } catch (error) {
      runInAction(() => this.errors.set(id, messageOf(error)))
    }
  }

  private put(vote: Vote): void {
    this.details.set(vote.id, vote)
    this.list.update((items) => (items.some((v) => v.id === vote.id) ? items.map((v) => (v.id === vote.id ? vote : v)) : items))
  }

  private async write(kind: NonNullable<VotesStore['busy']>, send: () => Promise<Vote>): Promise<VoteOutcome> {
    if (this.busy) return { ok: false, message: '正在提交，请稍候', fields: {} }
    this.busy = kind
    try {
      const vote = await send()
      runInAction(() => this.put(vote))
      return { ok: true, vote }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.busy = null))
    }
  }

  /** My household's ballot (the first one of the household counts). */
  cast(voteId: string, optionId: string): Promise<VoteOutcome> {
    return this.write('cast', () => this.api.conventions.castBallot(voteId, optionId))
  }

  /** Staff: a paper ballot handed in by a household; the roll is read again after. */
  async enterPaper(voteId: string, input: PaperBallotInput): Promise<VoteOutcome> {
    const fields: FieldErrors = {}
    if (!input.buildingId) fields.buildingId = '请选择楼栋'
    if (!input.room) fields.room = '请选择房号'
    if (!input.optionId) fields.optionId = '请选择该户所投的选项'
    const note = cleanText(input.note)
    if (Array.from(note).length < 2 || Array.from(note).length > 50) fields.note = '请注明选票由谁交来（2–50字，如“本人交回”）'
    if (hasErrors(fields)) return { ok: false, message: Object.values(fields)[0], fields }
    const outcome = await this.write('paper', () => this.api.conventions.enterPaperBallot(voteId, { ...input, note }))
    if (outcome.ok && this.rolls.has(voteId)) void this.loadRoll(voteId)
    return outcome
  }

  /** Who voted (never how): staff, and leaders for their buildings. */
  async loadRoll(voteId: string): Promise<void> {
    try {
      const roll = await this.api.conventions.voteRoll(voteId)
      runInAction(() => {
        this.rolls.set(voteId, roll)
        this.rollErrors.delete(voteId)
      })
    } catch (error) {
      runInAction(() => this.rollErrors.set(voteId, messageOf(error)))
    }
  }

  /** The title of a convention a new vote decides on (quiet on failure: staff type it). */
  async loadConventionTitle(id: string): Promise<void> {
    try {
      const convention = await this.api.conventions.get(id)
      runInAction(() => this.conventionTitles.set(id, convention.title))
    } catch {
      // The title field stays empty for staff to fill in.
    }
  }

  /** Staff, after it closed: publish the result for its 公示 period. */
  publish(voteId: string): Promise<VoteOutcome> {
    return this.write('publish', () => this.api.conventions.publishResult(voteId))
  }

  /**
   * Staff: open a vote, checked with the domain's rules first. `key` is kept by the screen across
   * retries of the same vote, so a retry after a lost answer never opens it twice.
   */
  async open(input: VoteInput, key: string, now: Date = new Date()): Promise<VoteOutcome> {
    const body: VoteInput = {
      ...input,
      title: cleanText(input.title),
      description: cleanText(input.description),
      options: input.kind === 'approval' ? [] : input.options.map((o) => cleanText(o)),
    }
    const fields = validateVote(body, now)
    if (hasErrors(fields)) return { ok: false, message: Object.values(fields)[0], fields }
    const outcome = await this.write('open', () => this.api.conventions.openVote(body, { idempotencyKey: key }))
    if (outcome.ok) {
      const vote = outcome.vote
      runInAction(() => this.list.update((items) => [vote, ...items.filter((v) => v.id !== vote.id)]))
    }
    return outcome
  }

  clear(): void {
    this.list.clear()
    this.details.clear()
    this.errors.clear()
    this.rolls.clear()
    this.rollErrors.clear()
    this.conventionTitles.clear()
    this.busy = null
  }
}
