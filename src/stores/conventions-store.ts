import { makeAutoObservable, runInAction } from 'mobx'
import type { ConventionDraftInput, ConventionInput } from '../../types/api'
import type { AcknowledgementSheet, ArticleChange, Convention, ConventionVersion } from '../../types/domain'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { currentDraft, validateConvention, validateDraft } from '../domain/consultation/conventions'
import { hasErrors, type FieldErrors } from '../domain/validation'
import { loadInto } from './load-into'
import type { OnSignOut } from './sign-out'

/** What a write answered: the convention as it is now, or why not (with the fields to fix). */
export type ConventionOutcome = { ok: true; convention: Convention } | { ok: false; message: string; fields: FieldErrors }

const versionKey = (id: string, version: number) => `${id}@${version}`
const diffKey = (id: string, from: number, to: number) => `${id}@${from}-${to}`

/** Conventions (公约): the list, one convention with its versions, the diff, 承诺遵守, the acknowledgement sheet, staff drafts. */
export class ConventionsStore {
  items: Convention[] = []
  loading = false
  loaded = false
  error: string | null = null
  details = new Map<string, Convention>()
  detailErrors = new Map<string, string>()
  /** Versions with their articles, by `id@version`. */
  versions = new Map<string, ConventionVersion>()
  versionErrors = new Map<string, string>()
  /** 修订记录, by `id@from-to`. */
  diffs = new Map<string, ArticleChange[]>()
  diffErrors = new Map<string, string>()
  sheets = new Map<string, AcknowledgementSheet>()
  sheetErrors = new Map<string, string>()
  /** The convention a write is on its way for (承诺遵守, a draft, publishing). */
  busy: string | null = null
  /** Bumped by `clear`: an answer asked for the previous user is dropped. */
  private generation = 0

  constructor(
    private readonly api: Pick<ApiClient, 'conventions' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<ConventionsStore, 'api' | 'generation'>(this, { api: false, generation: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  /** Whether the backend offers conventions and consultation at all. */
  get available(): boolean {
    return this.api.capabilities.conventions
  }

  /** The conventions my household has not yet promised to keep (binding us, in force). */
  get toAcknowledge(): Convention[] {
    return this.items.filter((c) => c.bindsMe && c.inForce && !c.myAcknowledgement)
  }

  async load(): Promise<void> {
    if (!this.available) return
    const generation = this.generation
    await loadInto(this, () => this.api.conventions.list(), (items) => {
      if (generation !== this.generation) return
      this.items = items
      for (const c of items) if (this.details.has(c.id)) this.details.set(c.id, c)
    })
  }

  get(id: string): Convention | undefined {
    return this.details.get(id) ?? this.items.find((c) => c.id === id)
  }

  /** One convention, with the articles of the version in force (they come with it). */
  async open(id: string): Promise<void> {
    if (!this.available) return
    const generation = this.generation
    try {
      const convention = await this.api.conventions.get(id)
      runInAction(() => {
        if (generation !== this.generation) return
        this.put(convention)
        this.detailErrors.delete(id)
      })
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.detailErrors.set(id, messageOf(error))
      })
    }
  }

  version(id: string, version: number): ConventionVersion | undefined {
    const c = this.get(id)
    if (c?.inForce?.version === version) return c.inForce
    return this.versions.get(versionKey(id, version))
  }

  versionError(id: string, version: number): string | undefined {
    return this.versionErrors.get(versionKey(id, version))
  }

  /** One version with its articles (a draft: those who write it only). */
  async loadVersion(id: string, version: number): Promise<void> {
    const key = versionKey(id, version)
    const generation = this.generation
    try {
      const v = await this.api.conventions.getVersion(id, version)
      runInAction(() => {
        if (generation !== this.generation) return
        this.versions.set(key, v)
        this.versionErrors.delete(key)
      })
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.versionErrors.set(key, messageOf(error))
      })
    }
  }

  /** The draft of the next version, if one is being written (listed for those who write it). */
  draftOf(id: string): Omit<ConventionVersion, 'articles'> | undefined {
    const c = this.get(id)
    return c ? currentDraft(c.versions) : undefined
  }

  diff(id: string, from: number, to: number): ArticleChange[] | undefined {
    return this.diffs.get(diffKey(id, from, to))
  }

  diffError(id: string, from: number, to: number): string | undefined {
    return this.diffErrors.get(diffKey(id, from, to))
  }

  async loadDiff(id: string, from: number, to: number): Promise<void> {
    const key = diffKey(id, from, to)
    const generation = this.generation
    try {
      const changes = await this.api.conventions.diff(id, from, to)
      runInAction(() => {
        if (generation !== this.generation) return
        this.diffs.set(key, changes)
        this.diffErrors.delete(key)
      })
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.diffErrors.set(key, messageOf(error))
      })
    }
  }

  async loadSheet(id: string): Promise<void> {
    const generation = this.generation
    try {
      const sheet = await this.api.conventions.acknowledgements(id)
      runInAction(() => {
        if (generation !== this.generation) return
        this.sheets.set(id, sheet)
        this.sheetErrors.delete(id)
      })
    } catch (error) {
      runInAction(() => {
        if (generation === this.generation) this.sheetErrors.set(id, messageOf(error))
      })
    }
  }

  /** 承诺遵守: my household promises to keep the version in force. */
  acknowledge(id: string): Promise<ConventionOutcome> {
    return this.write(id, () => this.api.conventions.acknowledge(id))
  }

  /**
   * A new convention (staff; a leader, a 微公约 of their buildings). `key` is kept by the screen
   * across retries of the same form, so a lost answer never makes a second one.
   */
  async create(input: ConventionInput, key: string, buildingIds: readonly string[], now: Date = new Date()): Promise<ConventionOutcome> {
    const fields = validateConvention(input, buildingIds, now)
    if (hasErrors(fields)) return { ok: false, message: Object.values(fields)[0], fields }
    return this.write('new', () => this.api.conventions.create(input, { idempotencyKey: key }))
  }

  /** Write (or rewrite) the next version's draft. */
  async saveDraft(id: string, input: ConventionDraftInput): Promise<ConventionOutcome> {
    const existing = new Set<string>()
    for (const v of [this.get(id)?.inForce, ...[...this.versions.entries()].filter(([k]) => k.startsWith(`${id}@`)).map(([, v]) => v)]) {
      for (const a of v?.articles ?? []) existing.add(a.id)
    }
    const fields = validateDraft(input, existing)
    // An article id the app does not know of may still be one of the convention's (an older version's): the backend decides.
    for (const k of Object.keys(fields)) if (k.endsWith('.id')) delete fields[k]
    if (hasErrors(fields)) return { ok: false, message: Object.values(fields)[0], fields }
    return this.write(id, () => this.api.conventions.saveDraft(id, input))
  }

  /** Publish the draft without a vote (adopted at a residents' meeting), effective from `effectiveFrom` (default now). */
  publishDraft(id: string, effectiveFrom?: string): Promise<ConventionOutcome> {
    return this.write(id, () => this.api.conventions.publishDraft(id, effectiveFrom ? { effectiveFrom } : {}))
  }

  private async write(id: string, call: () => Promise<Convention>): Promise<ConventionOutcome> {
    if (this.busy) return { ok: false, message: '正在提交，请稍候', fields: {} }
    this.busy = id
    const generation = this.generation
    try {
      const convention = await call()
      runInAction(() => {
        if (generation !== this.generation) return
        this.put(convention)
        // A new version: what was read of the old ones still holds; the sheet and diffs may not.
        this.sheets.delete(convention.id)
        for (const k of [...this.diffs.keys()]) if (k.startsWith(`${convention.id}@`)) this.diffs.delete(k)
        for (const k of [...this.versions.keys()]) if (k.startsWith(`${convention.id}@`) && this.versions.get(k)?.status === 'draft') this.versions.delete(k)
      })
      return { ok: true, convention }
    } catch (error) {
      return { ok: false, message: messageOf(error), fields: isApiError(error) ? error.fields : {} }
    } finally {
      runInAction(() => (this.busy = null))
    }
  }

  /** A convention as the backend answered it, in the list and in the details. */
  put(convention: Convention): void {
    this.details.set(convention.id, convention)
    const at = this.items.findIndex((c) => c.id === convention.id)
    if (at >= 0) this.items[at] = convention
    else if (this.loaded) this.items = [convention, ...this.items]
  }

  clear(): void {
    this.generation += 1
    this.items = []
    this.loading = false
    this.loaded = false
    this.error = null
    this.details.clear()
    this.detailErrors.clear()
    this.versions.clear()
    this.versionErrors.clear()
    this.diffs.clear()
    this.diffErrors.clear()
    this.sheets.clear()
    this.sheetErrors.clear()
    this.busy = null
  }
}
