import { makeAutoObservable, runInAction } from 'mobx'
import type { RatingLevel, ReportDetail } from '../../types/domain'
import type { ReportsApi } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import type { FieldErrors } from '../domain/validation'
import type { OnSignOut } from './sign-out'

export type RateOutcome = { ok: true } | { ok: false; message: string; fields: FieldErrors }

/** Report details by id, with their timelines, and the resident's rating. */
export class ReportDetailStore {
  details = new Map<string, ReportDetail>()
  loading = new Set<string>()
  errors = new Map<string, string>()
  rating = false

  /** Told when a detail changes, so lists can follow. */
  onChange: (detail: ReportDetail) => void = () => undefined

  constructor(
    private readonly api: ReportsApi,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<ReportDetailStore, 'api'>(this, { api: false, onChange: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get(id: string): ReportDetail | undefined {
    return this.details.get(id)
  }

  async load(id: string): Promise<void> {
    if (this.loading.has(id)) return
    this.loading.add(id)
    try {
      const detail = await this.api.get(id)
      this.put(detail)
      runInAction(() => this.errors.delete(id))
    } catch (error) {
      runInAction(() => this.errors.set(id, messageOf(error)))
    } finally {
      runInAction(() => this.loading.delete(id))
    }
  }

  async rate(id: string, level: RatingLevel, comment: string): Promise<RateOutcome> {
    if (this.rating) return { ok: false, message: '正在提交评价', fields: {} }
    this.rating = true
    try {
      this.put(await this.api.rate(id, { level, comment }))
      return { ok: true }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.rating = false))
    }
  }

  put(detail: ReportDetail): void {
    this.details.set(detail.report.id, detail)
    this.onChange(detail)
  }

  clear(): void {
    this.details.clear()
    this.errors.clear()
  }
}
