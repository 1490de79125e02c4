import { makeAutoObservable, runInAction } from 'mobx'
import type { ConsultationOverview, ConsultationSettings } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import type { FieldErrors } from '../domain/validation'
import type { OnSignOut } from './sign-out'

export type SettingsOutcome = { ok: true; settings: ConsultationSettings } | { ok: false; message: string; fields: FieldErrors }

/** The front door's consultation part (overview) and the community's rules for proposals (settings). */
export class ConsultationStore {
  overview: ConsultationOverview | null = null
  loading = false
  error: string | null = null
  settings: ConsultationSettings | null = null
  settingsError: string | null = null
  savingSettings = false
  private generation = 0

  constructor(
    private readonly api: Pick<ApiClient, 'conventions' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<ConsultationStore, 'api' | 'generation'>(this, { api: false, generation: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers conventions and consultation at all. */
  get available(): boolean {
    return this.api.capabilities.conventions
  }

  get loaded(): boolean {
    return this.overview !== null
  }

  /** Anything waiting for my household (a vote, a convention, a proposal near its threshold, a disclosure). */
  get hasAnything(): boolean {
    const o = this.overview
    return !!o && (o.votesToCast.length > 0 || o.conventionsToAcknowledge.length > 0 || o.nearThreshold.length > 0 || !!o.latestDisclosure)
  }

  /** What waits for my household; the latest request wins, a failure keeps what is shown. */
  async refresh(): Promise<void> {
    if (!this.available) return
    const generation = ++this.generation
    this.loading = true
    try {
      const overview = await this.api.conventions.overview()
      runInAction(() => {
        if (generation !== this.generation) return
        this.overview = overview
        this.error = null
      })
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.error = messageOf(error)
      })
    } finally {
      runInAction(() => {
        if (generation === this.generation) this.loading = false
      })
    }
  }

  async loadSettings(): Promise<void> {
    if (!this.available) return
    const generation = this.generation
    try {
      const settings = await this.api.conventions.settings()
      runInAction(() => {
        if (generation !== this.generation) return
        this.settings = settings
        this.settingsError = null
      })
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.settingsError = messageOf(error)
      })
    }
  }

  /** Staff: how many co-signing households put a proposal on the agenda, within how many days. */
  async updateSettings(input: { proposalThreshold: number; proposalWindowDays: number }): Promise<SettingsOutcome> {
    if (this.savingSettings) return { ok: false, message: '正在保存，请稍候', fields: {} }
    this.savingSettings = true
    try {
      const settings = await this.api.conventions.updateSettings(input)
      runInAction(() => (this.settings = settings))
      return { ok: true, settings }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.savingSettings = false))
    }
  }

  /** A convention acknowledged elsewhere leaves the front door's list at once. */
  acknowledged(conventionId: string): void {
    if (!this.overview) return
    this.overview = { ...this.overview, conventionsToAcknowledge: this.overview.conventionsToAcknowledge.filter((c) => c.id !== conventionId) }
  }

  clear(): void {
    this.generation += 1
    this.overview = null
    this.loading = false
    this.error = null
    this.settings = null
    this.settingsError = null
    this.savingSettings = false
  }
}
