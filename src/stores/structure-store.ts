import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiClient } from '../api/client'
import { isApiError, messageOf } from '../api/errors'
import { formatIssue, SHEETS, validateStructure, type StructureInput, type StructureIssue } from '../domain/structure'
import { loadInto } from './load-into'
import type { OnSignOut } from './sign-out'

/** The sections of 社区设置, each a sheet of the structure. */
export type StructureSection = 'categories' | 'replyTemplates' | 'grids' | 'buildings'

export type CategoryRow = StructureInput['categories'][number]
export type TemplateRow = StructureInput['replyTemplates'][number]
export type GridRow = StructureInput['grids'][number]
export type BuildingRow = StructureInput['buildings'][number]
export type RowOf<S extends StructureSection> = StructureInput[S][number]

/** One row of a section; `index` past the end is a row being added. */
export interface RowRef {
  section: StructureSection
  index: number
}

/** The issues of a structure as one row's editor shows them: its own (by column), and any other row's. */
export interface RowIssues {
  own: Array<{ column: string; message: string }>
  others: string[]
}

/** An issue is a row's when it names the row's sheet and its number (the header is row 1). */
function isAt(issue: StructureIssue, at: RowRef): boolean {
  return issue.sheet === SHEETS[at.section] && issue.row === at.index + 2
}

/**
 * The community's structure on the admin screens: categories and deadlines, reply templates, grids
 * and buildings. Every edit is one whole structure: read it, change one row, check it with the
 * domain's `validateStructure`, send it (`admin.saveStructure`) and read it back (new rows get
 * their ids). A refusal is kept at the row it was about.
 */
export class StructureStore {
  structure: StructureInput | null = null
  loaded = false
  loading = false
  error: string | null = null
  saving = false
  /** The backend's refusal of the last save, at the row that was edited. */
  rowError: (RowRef & { message: string }) | null = null

  constructor(
    private readonly api: Pick<ApiClient, 'admin' | 'capabilities'>,
    onSignOut: OnSignOut,
  ) {
    makeAutoObservable<StructureStore, 'api'>(this, { api: false }, { autoBind: true })
    onSignOut(this.clear)
  }

  get available(): boolean {
    return this.api.capabilities.membership
  }

  async load(): Promise<void> {
    if (!this.available) return
    await loadInto(this, () => this.api.admin.getStructure(), (structure) => (this.structure = structure))
  }

  /** The structure with one row put in place (`index` past the end: added). */
  withRow<S extends StructureSection>(section: S, index: number, row: RowOf<S>): StructureInput | null {
    const s = this.structure
    if (!s) return null
    const rows = [...(s[section] as Array<RowOf<S>>)]
    const before = rows[index]
    if (index >= rows.length) rows.push(row)
    else rows[index] = row
    const next = { ...s, [section]: rows } as StructureInput
    // Buildings name their grid: a renamed grid takes its buildings along.
    if (section === 'grids' && before && (before as GridRow).name !== (row as GridRow).name) {
      const from = (before as GridRow).name
      const to = (row as GridRow).name
      next.buildings = next.buildings.map((b) => (b.grid === from ? { ...b, grid: to } : b))
    }
    return next
  }

  /** The structure without one row. */
  withoutRow(section: StructureSection, index: number): StructureInput | null {
    const s = this.structure
    if (!s) return null
    return { ...s, [section]: (s[section] as unknown[]).filter((_, i) => i !== index) } as StructureInput
  }

  /** What `validateStructure` says of `next`, for the editor of `at` (live, before sending). */
  issues(next: StructureInput | null, at: RowRef): RowIssues {
    if (!next) return { own: [], others: [] }
    const own: RowIssues['own'] = []
    const others: string[] = []
    for (const issue of validateStructure(next)) {
      if (isAt(issue, at)) own.push({ column: issue.column, message: issue.message })
      else others.push(formatIssue(issue))
    }
    return { own, others }
  }

  /** Send a changed structure; refused by the rules without asking the backend. True when saved. */
  async save(next: StructureInput | null, at: RowRef): Promise<boolean> {
    if (!next || this.saving) return false
    const issues = validateStructure(next)
    if (issues.length) {
      const own = issues.find((i) => isAt(i, at))
      this.rowError = { ...at, message: own ? `“${own.column}”：${own.message}` : formatIssue(issues[0]) }
      return false
    }
    this.saving = true
    this.rowError = null
    try {
      await this.api.admin.saveStructure(next)
      // Read it back: new rows now have their ids, and it is what the backend holds.
      const saved = await this.api.admin.getStructure()
      runInAction(() => {
        this.structure = saved
        this.error = null
      })
      return true
    } catch (error) {
      // The core names each issue by its sheet, row and column; its own words say what to do.
      const fieldMessage = isApiError(error) ? Object.values(error.fields)[0] : undefined
      runInAction(() => (this.rowError = { ...at, message: fieldMessage ?? messageOf(error) }))
      return false
    } finally {
      runInAction(() => (this.saving = false))
    }
  }

  /** The refusal to show at a row, if it is this one. */
  errorAt(at: RowRef): string | null {
    const e = this.rowError
    return e && e.section === at.section && e.index === at.index ? e.message : null
  }

  dismissError(): void {
    this.rowError = null
  }

  clear(): void {
    this.structure = null
    this.loaded = false
    this.loading = false
    this.error = null
    this.saving = false
    this.rowError = null
  }
}
