import { makeAutoObservable, observable, runInAction } from 'mobx'
import type { Category, ReportQuestion } from '../../types/domain'
import type { ReportsApi } from '../api/client'
import { messageOf } from '../api/errors'
import type { OnSignOut } from './sign-out'

/** Where a category's extra questions stand: none asked, on the way, here, or not loaded. */
export type QuestionsState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; questions: ReportQuestion[] }
  | { status: 'failed'; message: string }

const NONE: QuestionsState = { status: 'none' }
const LOADING: QuestionsState = { status: 'loading' }

/**
 * The extra questions of the categories that ask some (`Category.hasQuestions`: an Open311 service
 * with a definition), loaded once per category while the user is signed in; a failed load is kept
 * with its message until a retry.
 */
export class ReportQuestionsStore {
  private readonly byCategory = observable.map<string, QuestionsState>()
  /** Bumped on sign-out: an answer for the previous user is dropped. */
  private generation = 0

  constructor(
    private readonly api: Pick<ReportsApi, 'questions'>,
    private readonly categories: () => Category[],
    onSignOut: OnSignOut,
  ) {
    // `byCategory` stays observable as a field too, so what the store holds is seen (the sign-out check).
    makeAutoObservable<ReportQuestionsStore, 'api' | 'categories' | 'generation'>(
      this,
      { api: false, categories: false, generation: false },
      { autoBind: true },
    )
    // Another community's categories ask other questions.
    onSignOut(() => {
      this.generation += 1
      this.byCategory.clear()
    })
  }

  private asks(categoryId: string | undefined): categoryId is string {
    return categoryId !== undefined && this.categories().some((c) => c.id === categoryId && c.hasQuestions === true)
  }

  /** The questions of a category; `none` for a category that asks none (every Linli category). */
  state(categoryId: string | undefined): QuestionsState {
    if (!this.asks(categoryId)) return NONE
    return this.byCategory.get(categoryId) ?? LOADING
  }

  /** A category that asks questions, not loaded nor on the way (a failed load waits for a retry). */
  needsLoad(categoryId: string | undefined): boolean {
    return this.asks(categoryId) && !this.byCategory.has(categoryId)
  }

  /** Load a category's questions unless they are here or on the way (nothing for one that asks none). */
  async load(categoryId: string | undefined): Promise<void> {
    if (!this.asks(categoryId)) return
    const current = this.byCategory.get(categoryId)
    if (current && current.status !== 'failed') return
    await this.fetch(categoryId)
  }

  /** Try a failed load again. */
  async retry(categoryId: string | undefined): Promise<void> {
    if (!this.asks(categoryId) || this.byCategory.get(categoryId)?.status !== 'failed') return
    await this.fetch(categoryId)
  }

  private async fetch(categoryId: string): Promise<void> {
    const generation = this.generation
    this.byCategory.set(categoryId, LOADING)
    let next: QuestionsState
    try {
      const questions = await this.api.questions(categoryId)
      next = { status: 'ready', questions: [...questions].sort((a, b) => a.order - b.order) }
    } catch (error) {
      next = { status: 'failed', message: messageOf(error) }
    }
    runInAction(() => {
      if (generation === this.generation) this.byCategory.set(categoryId, next)
    })
  }
}
