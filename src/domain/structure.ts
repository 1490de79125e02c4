import type { Building, Category, Department, Grid } from '../../types/domain'
import { textLength } from './text'

/**
 * A community's structure as an administrator sets it up (issue 10): its grids, buildings with
 * their rooms, departments, categories and reply templates — one sheet each in a workbook, or the
 * same shape as data (the demo communities, `demo-structure.ts`). Pure: it runs in the mini-program
 * too. The workbook I/O (`server/admin/workbook.ts`) only turns cells into the `SheetTable`s read
 * here, so every rule and every message lives in this file.
 *
 *   sheets ──structureFromSheets──▶ StructureInput ──planStructure(existing, usage)──▶ StructurePlan
 *
 * Every issue names its sheet, row and column (the Chinese header) so an administrator can find it.
 */

export const SHEETS = {
  community: '社区',
  grids: '网格',
  buildings: '楼栋',
  departments: '部门',
  categories: '问题类型',
  replyTemplates: '回复模板',
} as const
export type SheetKey = keyof typeof SHEETS
/** The sheets in the workbook's order. */
export const SHEET_KEYS: readonly SheetKey[] = ['community', 'grids', 'buildings', 'departments', 'categories', 'replyTemplates']

/** Every row may carry its workbook row number (header = row 1); absent → index + 2. `key`: a stable id (the demo's fixed ids); the workbook never has one. */
export interface StructureInput {
  community: { name: string; kind: 'community' | 'village'; street: string; district: string; reportPrefix: string; row?: number }
  grids: Array<{ key?: string; name: string; row?: number }>
  buildings: Array<{ key?: string; name: string; grid: string /* a grid's name */; rooms: string[]; row?: number }>
  departments: Array<{ key?: string; name: string; row?: number }>
  categories: Array<{ key?: string; name: string; deadlineHours: number; guidance: string; emergencyPhone?: string; emergencyMessage?: string; row?: number }>
  replyTemplates: Array<{ key?: string; title: string; text: string; row?: number }>
}

export interface StructureIssue {
  /** The Chinese sheet name. */
  sheet: string
  row: number
  /** The Chinese column header ('—' when the issue is about the sheet as a whole). */
  column: string
  message: string
}

export interface ColumnSpec {
  header: string
  required: boolean
  /** What the column holds, for the template's header notes. */
  note: string
}

const columns = <T extends Record<string, ColumnSpec>>(spec: T): T => spec

/** Each sheet's columns: the field they fill, their header, whether a workbook must have them. */
export const COLUMNS = {
  community: columns({
    name: { header: '社区名称', required: true, note: '社区或村的全称，2–40 个字，如“幸福里社区”。这张表只填一行。' },
    kind: { header: '类型', required: true, note: '填“社区”或“村”。' },
    street: { header: '街道', required: true, note: '所属街道或乡镇，如“东亭街道”。' },
    district: { header: '区县', required: true, note: '所属市和区（县），如“无锡市锡山区”。' },
    reportPrefix: { header: '诉求编号前缀', required: true, note: '2–6 位大写字母或数字。诉求编号以它开头，如 YY → YY-20261121-0007。' },
  }),
  grids: columns({
    name: { header: '网格名称', required: true, note: '每行一个网格，如“第一网格”；名称不能重复。' },
  }),
  buildings: columns({
    name: { header: '楼栋名称', required: true, note: '每行一栋楼，如“3号楼”；名称不能重复。' },
    grid: { header: '所属网格', required: true, note: '填“网格”表里已有的网格名称。' },
    rooms: {
      header: '房号',
      required: true,
      note: '这栋楼的全部房号，用逗号、顿号或空格分隔，如“101,102,201,202”；同一层连续的房号可写成范围，如“101-104”。每个房号 1–10 位数字、字母或“-”。',
    },
  }),
  departments: columns({
    name: { header: '部门名称', required: true, note: '可以派单的部门，如“物业服务中心”；名称不能重复。' },
  }),
  categories: columns({
    name: { header: '类型名称', required: true, note: '居民反映问题时选择的类型，如“路灯故障”；名称不能重复。' },
    deadlineHours: { header: '限时办结（小时）', required: true, note: '从提交到办结的时限，单位小时，大于 0、不超过 8760（一年），如 72。' },
    guidance: { header: '填写提示', required: false, note: '选择这个类型时给居民的提示，最多 200 个字，可不填。' },
    emergencyPhone: { header: '紧急电话', required: false, note: '紧急情况（燃气泄漏、火情等）填要拨打的电话，如 119；与“紧急提示”一起填或都不填。' },
    emergencyMessage: { header: '紧急提示', required: false, note: '紧急情况时告诉居民先做什么，最多 200 个字；与“紧急电话”一起填或都不填。' },
  }),
  replyTemplates: columns({
    title: { header: '标题', required: true, note: '回复模板的标题，最多 20 个字，如“已受理”；不能重复。' },
    text: { header: '内容', required: true, note: '回复的内容，1–500 个字。' },
  }),
}

export const LIMITS = {
  communityNameMin: 2,
  communityNameMax: 40,
  placeMax: 40,
  nameMax: 40,
  roomMax: 10,
  deadlineMaxHours: 8760,
  guidanceMax: 200,
  emergencyMessageMax: 200,
  templateTitleMax: 20,
  templateTextMax: 500,
} as const

const KINDS: Record<string, StructureInput['community']['kind']> = { 社区: 'community', 村: 'village' }
const KIND_LABELS: Record<StructureInput['community']['kind'], string> = { community: '社区', village: '村' }

/** “楼栋”表第 5 行“所属网格”：网格“第九网格”不存在，请先在“网格”表中添加 */
export function formatIssue(issue: StructureIssue): string {
  const column = issue.column && issue.column !== '—' ? `“${issue.column}”` : ''
  return `“${issue.sheet}”表第 ${issue.row} 行${column}：${issue.message}`
}

// ── rooms ─────────────────────────────────────────────────────────────────────────────────────

const ROOM = /^[0-9A-Za-z-]+$/
const RANGE_SEPARATORS = /^(\d+)\s*(?:-|~|～|－|—|至)\s*(\d+)$/

/**
 * A 房号 cell → its rooms, in the order written: separated by commas (, ，), 、, ; ；or spaces;
 * “101-104” (or 101~104) is a range on one floor — both ends numeric with the same number of digits
 * (at least three: the floor, then two digits of room), so “1-101” stays one room. Each room is
 * trimmed; duplicates are kept for `validateStructure` to name.
 */
export function parseRooms(cell: string): { rooms: string[] } | { error: string } {
  // A range may be written with spaces around its dash ("101 - 104"): join those first.
  const text = halfWidth(cell ?? '').trim().replace(/(\d)\s*(-|~|～|－|—|至)\s*(\d)/g, '$1$2$3')
  if (!text) return { error: '请填写房号，如“101,102,201,202”' }
  const rooms: string[] = []
  for (const token of text.split(/[\s,，、;；]+/)) {
    if (!token) continue
    const range = RANGE_SEPARATORS.exec(token)
    if (range && range[1].length === range[2].length && range[1].length >= 3) {
      const [, from, to] = range
      const width = from.length
      const start = Number(from)
      const end = Number(to)
      if (Math.floor(start / 100) !== Math.floor(end / 100)) return { error: `房号范围“${token}”须在同一层，如“101-104”` }
      if (start > end) return { error: `房号范围“${token}”须从小到大，如“101-104”` }
      for (let n = start; n <= end; n++) rooms.push(String(n).padStart(width, '0'))
    } else {
      rooms.push(token)
    }
  }
  if (rooms.length === 0) return { error: '请填写房号，如“101,102,201,202”' }
  return { rooms }
}

/** Full-width letters, digits and signs (typed with a Chinese input method: １０１，Ａ) as ASCII. */
export function halfWidth(value: string): string {
  return value.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ')
}

/** The rooms as a 房号 cell (the inverse of `parseRooms`). */
export function formatRooms(rooms: readonly string[]): string {
  return rooms.join(',')
}

// ── validation ────────────────────────────────────────────────────────────────────────────────

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value).trim())
const rowOf = (row: number | undefined, index: number): number => (typeof row === 'number' && Number.isFinite(row) ? row : index + 2)

/** The input with every text trimmed and every row numbered: what is validated and planned. */
export function normalizeStructure(input: StructureInput): StructureInput {
  const c = input.community ?? ({} as StructureInput['community'])
  const optional = (value: unknown) => {
    const t = text(value)
    return t ? t : undefined
  }
  return {
    community: {
      name: text(c.name),
      kind: c.kind,
      street: text(c.street),
      district: text(c.district),
      reportPrefix: text(c.reportPrefix),
      row: rowOf(c.row, 0),
    },
    grids: (input.grids ?? []).map((g, i) => ({ ...(g.key ? { key: g.key } : {}), name: text(g.name), row: rowOf(g.row, i) })),
    buildings: (input.buildings ?? []).map((b, i) => ({
      ...(b.key ? { key: b.key } : {}),
      name: text(b.name),
      grid: text(b.grid),
      rooms: Array.isArray(b.rooms) ? b.rooms.map(text) : [],
      row: rowOf(b.row, i),
    })),
    departments: (input.departments ?? []).map((d, i) => ({ ...(d.key ? { key: d.key } : {}), name: text(d.name), row: rowOf(d.row, i) })),
    categories: (input.categories ?? []).map((c2, i) => {
      const emergencyPhone = optional(c2.emergencyPhone)
      const emergencyMessage = optional(c2.emergencyMessage)
      return {
        ...(c2.key ? { key: c2.key } : {}),
        name: text(c2.name),
        deadlineHours: typeof c2.deadlineHours === 'number' ? c2.deadlineHours : Number.NaN,
        guidance: text(c2.guidance),
        ...(emergencyPhone !== undefined ? { emergencyPhone } : {}),
        ...(emergencyMessage !== undefined ? { emergencyMessage } : {}),
        row: rowOf(c2.row, i),
      }
    }),
    replyTemplates: (input.replyTemplates ?? []).map((t, i) => ({ ...(t.key ? { key: t.key } : {}), title: text(t.title), text: text(t.text), row: rowOf(t.row, i) })),
  }
}

const issueAt = (sheet: SheetKey, row: number, column: string, message: string): StructureIssue => ({ sheet: SHEETS[sheet], row, column, message })

/** Every issue of the input, in sheet order then row order; empty: it can be planned. */
export function validateStructure(input: StructureInput): StructureIssue[] {
  return validateKnown(normalizeStructure(input), new Set())
}

/** Validation of a normalized input; sheets in `unknown` could not be read and are left alone. */
function validateKnown(input: StructureInput, unknown: ReadonlySet<SheetKey>): StructureIssue[] {
  const issues: StructureIssue[] = []
  const known = (sheet: SheetKey) => !unknown.has(sheet)

  if (known('community')) {
    const c = input.community
    const row = c.row ?? 2
    const col = COLUMNS.community
    const nameLength = textLength(c.name)
    if (nameLength === 0) issues.push(issueAt('community', row, col.name.header, `请填写${col.name.header}`))
    else if (nameLength < LIMITS.communityNameMin || nameLength > LIMITS.communityNameMax) {
      issues.push(issueAt('community', row, col.name.header, `社区名称须为 ${LIMITS.communityNameMin}–${LIMITS.communityNameMax} 个字（现在 ${nameLength} 个字）`))
    }
    if (c.kind !== 'community' && c.kind !== 'village') issues.push(issueAt('community', row, col.kind.header, '类型须为“社区”或“村”'))
    for (const field of ['street', 'district'] as const) {
      const header = col[field].header
      const length = textLength(c[field])
      if (length === 0) issues.push(issueAt('community', row, header, `请填写${header}`))
      else if (length > LIMITS.placeMax) issues.push(issueAt('community', row, header, `${header}不能超过 ${LIMITS.placeMax} 个字（现在 ${length} 个字）`))
    }
    if (!c.reportPrefix) issues.push(issueAt('community', row, col.reportPrefix.header, `请填写${col.reportPrefix.header}`))
    else if (!/^[A-Z0-9]{2,6}$/.test(c.reportPrefix)) {
      issues.push(issueAt('community', row, col.reportPrefix.header, `诉求编号前缀须为 2–6 位大写字母或数字，如“YY”（现在是“${c.reportPrefix}”）`))
    }
  }

  if (known('grids')) {
    if (input.grids.length === 0) issues.push(issueAt('grids', 2, COLUMNS.grids.name.header, '请至少填写一个网格'))
    issues.push(...checkNames('grids', input.grids, (g) => g.name, COLUMNS.grids.name.header, '网格', LIMITS.nameMax))
  }

  if (known('buildings')) {
    const col = COLUMNS.buildings
    issues.push(...checkNames('buildings', input.buildings, (b) => b.name, col.name.header, '楼栋', LIMITS.nameMax))
    const gridNames = new Set(input.grids.map((g) => g.name))
    for (const b of input.buildings) {
      const row = b.row as number
      if (!b.grid) issues.push(issueAt('buildings', row, col.grid.header, `请填写${col.grid.header}`))
      else if (known('grids') && !gridNames.has(b.grid)) {
        issues.push(issueAt('buildings', row, col.grid.header, `网格“${b.grid}”不存在，请先在“网格”表中添加`))
      }
      if (b.rooms.length === 0) {
        issues.push(issueAt('buildings', row, col.rooms.header, '请填写房号，如“101,102,201,202”'))
        continue
      }
      const seen = new Set<string>()
      const reported = new Set<string>()
      for (const room of b.rooms) {
        if (reported.has(room)) continue
        if (!ROOM.test(room) || textLength(room) > LIMITS.roomMax) {
          reported.add(room)
          issues.push(issueAt('buildings', row, col.rooms.header, `房号“${room}”只能由数字、字母和“-”组成，1–${LIMITS.roomMax} 个字符`))
        } else if (seen.has(room)) {
          reported.add(room)
          issues.push(issueAt('buildings', row, col.rooms.header, `房号“${room}”重复，同一栋楼里每个房号只能写一次`))
        }
        seen.add(room)
      }
    }
  }

  if (known('departments')) {
    issues.push(...checkNames('departments', input.departments, (d) => d.name, COLUMNS.departments.name.header, '部门', LIMITS.nameMax))
  }

  if (known('categories')) {
    const col = COLUMNS.categories
    if (input.categories.length === 0) issues.push(issueAt('categories', 2, col.name.header, '请至少填写一个问题类型'))
    issues.push(...checkNames('categories', input.categories, (c) => c.name, col.name.header, '问题类型', LIMITS.nameMax))
    for (const c of input.categories) {
      const row = c.row as number
      const hours = c.deadlineHours
      if (!Number.isFinite(hours)) issues.push(issueAt('categories', row, col.deadlineHours.header, '限时办结须填写小时数，如 72'))
      else if (hours <= 0) issues.push(issueAt('categories', row, col.deadlineHours.header, '限时办结须大于 0 小时'))
      else if (hours > LIMITS.deadlineMaxHours) issues.push(issueAt('categories', row, col.deadlineHours.header, `限时办结不能超过 ${LIMITS.deadlineMaxHours} 小时（一年）`))
      const guidance = textLength(c.guidance)
      if (guidance > LIMITS.guidanceMax) issues.push(issueAt('categories', row, col.guidance.header, `填写提示不能超过 ${LIMITS.guidanceMax} 个字（现在 ${guidance} 个字）`))
      const phone = c.emergencyPhone ?? ''
      const message = c.emergencyMessage ?? ''
      if (phone && !message) issues.push(issueAt('categories', row, col.emergencyMessage.header, '填写了紧急电话，也请填写紧急提示（告诉居民先做什么）'))
      if (message && !phone) issues.push(issueAt('categories', row, col.emergencyPhone.header, '填写了紧急提示，也请填写紧急电话，如 119'))
      if (phone && !/^[0-9-]{3,20}$/.test(phone)) issues.push(issueAt('categories', row, col.emergencyPhone.header, `紧急电话须为 3–20 位数字或“-”，如 119（现在是“${phone}”）`))
      const messageLength = textLength(message)
      if (messageLength > LIMITS.emergencyMessageMax) {
        issues.push(issueAt('categories', row, col.emergencyMessage.header, `紧急提示不能超过 ${LIMITS.emergencyMessageMax} 个字（现在 ${messageLength} 个字）`))
      }
    }
  }

  if (known('replyTemplates')) {
    const col = COLUMNS.replyTemplates
    issues.push(...checkNames('replyTemplates', input.replyTemplates, (t) => t.title, col.title.header, '回复模板', LIMITS.templateTitleMax))
    for (const t of input.replyTemplates) {
      const length = textLength(t.text)
      if (length === 0) issues.push(issueAt('replyTemplates', t.row as number, col.text.header, `请填写${col.text.header}`))
      else if (length > LIMITS.templateTextMax) {
        issues.push(issueAt('replyTemplates', t.row as number, col.text.header, `内容不能超过 ${LIMITS.templateTextMax} 个字（现在 ${length} 个字）`))
      }
    }
  }
  return sortIssues(issues)
}

/** A name column: filled, not too long, unique within the sheet (a duplicate names every row of it). */
function checkNames<R extends { row?: number }>(sheet: SheetKey, rows: R[], nameOf: (row: R) => string, header: string, label: string, max: number): StructureIssue[] {
  const issues: StructureIssue[] = []
  const rowsByName = new Map<string, number[]>()
  for (const r of rows) {
    const name = nameOf(r)
    const row = r.row as number
    const length = textLength(name)
    if (length === 0) {
      issues.push(issueAt(sheet, row, header, `请填写${header}`))
      continue
    }
    if (length > max) issues.push(issueAt(sheet, row, header, `${header}不能超过 ${max} 个字（现在 ${length} 个字）`))
    rowsByName.set(name, [...(rowsByName.get(name) ?? []), row])
  }
  for (const r of rows) {
    const name = nameOf(r)
    const all = rowsByName.get(name)
    if (!all || all.length < 2) continue
    const others = all.filter((n) => n !== r.row)
    issues.push(issueAt(sheet, r.row as number, header, `${label}“${name}”与第 ${(others.length ? others : all).join('、')} 行重复，同一张表里不能重复`))
  }
  return issues
}

const SHEET_RANK = new Map<string, number>(SHEET_KEYS.map((k, i) => [SHEETS[k], i]))

/** Sheet order, then row; issues of one row keep their column order (stable sort). */
function sortIssues(issues: StructureIssue[]): StructureIssue[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (SHEET_RANK.get(a.issue.sheet) ?? 99) - (SHEET_RANK.get(b.issue.sheet) ?? 99) || a.issue.row - b.issue.row || a.i - b.i)
    .map(({ issue }) => issue)
}

// ── sheets (what a workbook's cells become) ──────────────────────────────────────────────────────

/** One sheet as its cells' text: the header row, and each data row with its row number in the sheet. */
export interface SheetTable {
  headers: string[]
  rows: Array<{ row: number; values: string[] }>
}

/** A header as written, compared loosely: no spaces, ASCII brackets as full-width ones, no trailing “*”. */
function headerKey(header: string): string {
  return header.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').replace(/[*＊]+$/, '')
}

/** A1-style column letter of a 0-based index (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let n = index + 1
  let letters = ''
  while (n > 0) {
    const r = (n - 1) % 26
    letters = String.fromCharCode(65 + r) + letters
    n = Math.floor((n - 1) / 26)
  }
  return letters
}

/** Hours as written: “72”, “72.5”, “72小时”, “72h”. */
function parseHours(cell: string): number {
  const t = halfWidth(cell).replace(/\s*(小时|h|H)$/, '')
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN
}

/**
 * The workbook's sheets (by SheetKey; absent: the sheet is missing) → a valid StructureInput, or
 * every issue: missing sheets, unknown, duplicate or missing headers, data under a column without a
 * header, the community sheet's single row, cells that are not what their column holds, and every
 * rule of `validateStructure` (for the sheets that could be read). Blank rows are skipped; row numbers
 * are the sheet's own.
 */
export function structureFromSheets(sheets: Partial<Record<SheetKey, SheetTable>>): { input: StructureInput } | { issues: StructureIssue[] } {
  const issues: StructureIssue[] = []
  const unknown = new Set<SheetKey>()
  const cellIssues: StructureIssue[] = []

  type Row = { row: number; cell: (field: string) => string }
  const read = (sheet: SheetKey): Row[] => {
    const table = sheets[sheet]
    const spec = COLUMNS[sheet] as Record<string, ColumnSpec>
    const fields = Object.keys(spec)
    if (!table) {
      unknown.add(sheet)
      issues.push(issueAt(sheet, 1, '—', `缺少“${SHEETS[sheet]}”表：请按模板添加这张表（表名须为“${SHEETS[sheet]}”）`))
      return []
    }
    const fieldAt = new Map<number, string>()
    const found = new Set<string>()
    const blankColumns: number[] = []
    let broken = false
    table.headers.forEach((raw, index) => {
      const header = text(raw)
      if (!header) {
        blankColumns.push(index)
        return
      }
      const field = fields.find((f) => headerKey(spec[f].header) === headerKey(header))
      if (!field) {
        broken = true
        issues.push(issueAt(sheet, 1, header, `无法识别的列“${header}”；“${SHEETS[sheet]}”表的列是：${fields.map((f) => spec[f].header).join('、')}`))
      } else if (found.has(field)) {
        broken = true
        issues.push(issueAt(sheet, 1, header, `列“${header}”重复，请只保留一列`))
      } else {
        found.add(field)
        fieldAt.set(index, field)
      }
    })
    for (const f of fields) {
      if (spec[f].required && !found.has(f)) {
        broken = true
        issues.push(issueAt(sheet, 1, spec[f].header, `缺少“${spec[f].header}”列：请在第 1 行添加这个表头`))
      }
    }
    const rows = table.rows.filter((r) => r.values.some((v) => text(v) !== ''))
    for (const index of blankColumns) {
      const first = rows.find((r) => text(r.values[index]) !== '')
      if (first) {
        broken = true
        issues.push(issueAt(sheet, first.row, `第 ${columnLetter(index)} 列`, '这一列没有表头：请在第 1 行填写表头，或删除这一列的内容'))
      }
    }
    if (broken) {
      unknown.add(sheet)
      return []
    }
    const indexOf = new Map<string, number>([...fieldAt].map(([i, f]) => [f, i]))
    return rows.map((r) => ({
      row: r.row,
      cell: (field: string) => {
        const i = indexOf.get(field)
        return i === undefined ? '' : text(r.values[i])
      },
    }))
  }

  const communityRows = read('community')
  const col = COLUMNS
  const placeholder: StructureInput['community'] = { name: '', kind: 'community', street: '', district: '', reportPrefix: '', row: 2 }
  let community = placeholder
  if (!unknown.has('community')) {
    if (communityRows.length === 0) {
      unknown.add('community')
      issues.push(issueAt('community', 2, col.community.name.header, '请在第 2 行填写社区信息'))
    } else {
      for (const extra of communityRows.slice(1)) {
        issues.push(issueAt('community', extra.row, col.community.name.header, '“社区”表只能填一行（一个工作簿导入一个社区），请删除这一行'))
      }
      const r = communityRows[0]
      const kindText = r.cell('kind')
      const kind = KINDS[kindText]
      if (!kindText) cellIssues.push(issueAt('community', r.row, col.community.kind.header, '请填写类型（“社区”或“村”）'))
      else if (!kind) cellIssues.push(issueAt('community', r.row, col.community.kind.header, `类型须为“社区”或“村”（现在是“${kindText}”）`))
      community = {
        name: r.cell('name'),
        kind: kind ?? 'community',
        street: r.cell('street'),
        district: r.cell('district'),
        reportPrefix: halfWidth(r.cell('reportPrefix')),
        row: r.row,
      }
    }
  }

  const grids = read('grids').map((r) => ({ name: r.cell('name'), row: r.row }))
  const buildings = read('buildings').map((r) => {
    const cell = r.cell('rooms')
    const parsed = parseRooms(cell)
    // An empty cell is validateStructure's “请填写房号”; a malformed range is this cell's issue.
    if ('error' in parsed && cell) cellIssues.push(issueAt('buildings', r.row, col.buildings.rooms.header, parsed.error))
    return { name: r.cell('name'), grid: r.cell('grid'), rooms: 'rooms' in parsed ? parsed.rooms : [], row: r.row }
  })
  const departments = read('departments').map((r) => ({ name: r.cell('name'), row: r.row }))
  const categories = read('categories').map((r) => {
    const hours = r.cell('deadlineHours')
    const deadlineHours = parseHours(hours)
    const header = col.categories.deadlineHours.header
    if (!hours) cellIssues.push(issueAt('categories', r.row, header, `请填写${header}`))
    else if (!Number.isFinite(deadlineHours)) cellIssues.push(issueAt('categories', r.row, header, `限时办结须为小时数，如 72（现在是“${hours}”）`))
    const emergencyPhone = halfWidth(r.cell('emergencyPhone'))
    const emergencyMessage = r.cell('emergencyMessage')
    return {
      name: r.cell('name'),
      deadlineHours,
      guidance: r.cell('guidance'),
      ...(emergencyPhone ? { emergencyPhone } : {}),
      ...(emergencyMessage ? { emergencyMessage } : {}),
      row: r.row,
    }
  })
  const replyTemplates = read('replyTemplates').map((r) => ({ title: r.cell('title'), text: r.cell('text'), row: r.row }))

  const input: StructureInput = { community, grids, buildings, departments, categories, replyTemplates }
  // A cell that could not be read has its own issue; the rule's issue on the same cell would repeat it.
  const cells = new Set(cellIssues.map((i) => `${i.sheet}\u0000${i.row}\u0000${i.column}`))
  const rules = validateKnown(normalizeStructure(input), unknown).filter((i) => !cells.has(`${i.sheet}\u0000${i.row}\u0000${i.column}`))
  const all = sortIssues([...issues, ...cellIssues, ...rules])
  return all.length ? { issues: all } : { input }
}

/** The input as sheets to write: headers, then one row of cells per row (no keys: a workbook has none). */
export function structureToSheets(input: StructureInput): Record<SheetKey, { headers: string[]; rows: Array<Array<string | number>> }> {
  const headersOf = (sheet: SheetKey) => Object.values(COLUMNS[sheet] as Record<string, ColumnSpec>).map((c) => c.header)
  const c = input.community
  return {
    community: { headers: headersOf('community'), rows: [[c.name, KIND_LABELS[c.kind] ?? c.kind, c.street, c.district, c.reportPrefix]] },
    grids: { headers: headersOf('grids'), rows: input.grids.map((g) => [g.name]) },
    buildings: { headers: headersOf('buildings'), rows: input.buildings.map((b) => [b.name, b.grid, formatRooms(b.rooms)]) },
    departments: { headers: headersOf('departments'), rows: input.departments.map((d) => [d.name]) },
    categories: {
      headers: headersOf('categories'),
      rows: input.categories.map((k) => [k.name, k.deadlineHours, k.guidance, k.emergencyPhone ?? '', k.emergencyMessage ?? '']),
    },
    replyTemplates: { headers: headersOf('replyTemplates'), rows: input.replyTemplates.map((t) => [t.title, t.text]) },
  }
}

/** The template's one example row per sheet. */
export const STRUCTURE_EXAMPLE: StructureInput = {
  community: { name: '示例社区', kind: 'community', street: '示例街道', district: '无锡市锡山区', reportPrefix: 'SL' },
  grids: [{ name: '第一网格' }],
  buildings: [{ name: '1号楼', grid: '第一网格', rooms: ['101', '102', '201', '202'] }],
  departments: [{ name: '物业服务中心' }],
  categories: [{ name: '路灯故障', deadlineHours: 48, guidance: '请写明路灯位置或编号' }],
  replyTemplates: [{ title: '已受理', text: '您反映的问题已受理，我们会尽快安排处理。' }],
}

/** The template's 说明 sheet: how an import treats the workbook (a reader ignores that sheet). */
export const GUIDE_SHEET = '说明'
export const IMPORT_GUIDE: readonly string[] = [
  '这个工作簿导入一个社区（或村）的基础信息：社区、网格、楼栋和房号、部门、问题类型、回复模板，每张表一类。',
  '每张表的第 1 行是表头，请不要修改或删除；从第 2 行起每行一条，空行会被跳过。把鼠标放在表头上可以看到每一列的填写说明。',
  '导入前会检查全部内容；只要有一处错误就什么都不写入，并列出每个错误所在的表、行和列。',
  '再次导入同一个社区时，按名称（回复模板按标题）找到已有的行并更新；表里新增的行会被添加，删掉的行会被删除。',
  '仍有诉求、住户或人员在用的网格、楼栋、房号、部门和问题类型不能删除，请保留这些行；改名相当于删除旧的、添加新的。',
  '导入命令：npm run admin -- import 文件名.xlsx；生成空白模板：npm run admin -- template。',
]

// ── planning an import over what exists ────────────────────────────────────────────────────────

export interface ReplyTemplateRecord {
  id: string
  title: string
  text: string
}

export interface ExistingStructure {
  grids: Grid[]
  buildings: Building[]
  departments: Department[]
  categories: Category[]
  replyTemplates: ReplyTemplateRecord[]
}

/** What the community's records still name (reports, people's homes, household claims): nothing named here may disappear. */
export interface StructureUsage {
  gridIds: Set<string>
  buildingIds: Set<string>
  /** roomKey(buildingId, room) */
  rooms: Set<string>
  /** Reports per category. */
  categoryIds: Map<string, number>
  departmentIds: Set<string>
}

export const roomKey = (buildingId: string, room: string) => `${buildingId}\u0000${room}`

export const emptyStructure = (): ExistingStructure => ({ grids: [], buildings: [], departments: [], categories: [], replyTemplates: [] })
export const noUsage = (): StructureUsage => ({ gridIds: new Set(), buildingIds: new Set(), rooms: new Set(), categoryIds: new Map(), departmentIds: new Set() })

export type CountKey = 'grids' | 'buildings' | 'rooms' | 'departments' | 'categories' | 'replyTemplates'
export interface Count {
  created: number
  updated: number
  removed: number
  unchanged: number
}

export interface StructurePlan {
  /** The community's whole structure after the import, with ids (existing ones kept, matched by name; new ones from `key` or newId), in the workbook's order. */
  target: { grids: Grid[]; buildings: Building[]; departments: Department[]; categories: Category[]; replyTemplates: ReplyTemplateRecord[] }
  removed: { gridIds: string[]; buildingIds: string[]; departmentIds: string[]; categoryIds: string[]; replyTemplateIds: string[] }
  counts: Record<CountKey, Count>
}

export type IdPrefix = 'g' | 'b' | 'd' | 'cat' | 'rt'

interface Matched<I, E> {
  input: I
  existing?: E
  id: string
}

/**
 * Pair each input row with an existing record: first by `key` (an existing id: the demo's twin may
 * rename a row), then by name among those left; a row with neither gets its `key` or a new id.
 * Existing records nobody claimed are removed.
 */
function matchRows<I extends { key?: string }, E extends { id: string }>(
  inputs: I[],
  existing: E[],
  nameOfInput: (row: I) => string,
  nameOfExisting: (record: E) => string,
  makeId: () => string,
): { matched: Array<Matched<I, E>>; removed: E[] } {
  const byId = new Map(existing.map((e) => [e.id, e]))
  const claimed = new Set<string>()
  const pairs: Array<E | undefined> = inputs.map((row) => {
    const e = row.key ? byId.get(row.key) : undefined
    if (e && !claimed.has(e.id)) {
      claimed.add(e.id)
      return e
    }
    return undefined
  })
  inputs.forEach((row, i) => {
    if (pairs[i]) return
    const e = existing.find((x) => !claimed.has(x.id) && nameOfExisting(x) === nameOfInput(row))
    if (e) {
      claimed.add(e.id)
      pairs[i] = e
    }
  })
  const used = new Set<string>([...existing.map((e) => e.id)])
  const matched = inputs.map((row, i) => {
    const e = pairs[i]
    if (e) return { input: row, existing: e, id: e.id }
    let id = row.key && !used.has(row.key) ? row.key : makeId()
    while (used.has(id)) id = makeId()
    used.add(id)
    return { input: row, id }
  })
  return { matched, removed: existing.filter((e) => !claimed.has(e.id)) }
}

const count = (): Count => ({ created: 0, updated: 0, removed: 0, unchanged: 0 })
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * What importing `input` over the community's `existing` structure does: every row matched to the
 * record it updates (by key, then name; templates by title), new ids for the rest, and what
 * disappears — refused (an issue on the thing's sheet) for anything `usage` still names. Invalid
 * input answers `validateStructure`'s issues. Deterministic: the same input over the state it
 * produced plans nothing but unchanged rows.
 */
export function planStructure(
  communityId: string,
  existing: ExistingStructure,
  input: StructureInput,
  usage: StructureUsage,
  newId: (prefix: IdPrefix) => string,
): { plan: StructurePlan } | { issues: StructureIssue[] } {
  const invalid = validateStructure(input)
  if (invalid.length) return { issues: invalid }
  const s = normalizeStructure(input)
  const issues: StructureIssue[] = []
  const counts: Record<CountKey, Count> = {
    grids: count(),
    buildings: count(),
    rooms: count(),
    departments: count(),
    categories: count(),
    replyTemplates: count(),
  }
  const tally = (key: CountKey, created: boolean, changed: boolean) => {
    counts[key][created ? 'created' : changed ? 'updated' : 'unchanged']++
  }
  const inUse = (sheet: SheetKey, header: string, message: string) => issues.push(issueAt(sheet, 1, header, message))

  // Grids
  const g = matchRows(s.grids, existing.grids, (r) => r.name, (e) => e.name, () => newId('g'))
  const grids: Grid[] = g.matched.map(({ input: r, existing: e, id }) => {
    tally('grids', !e, !!e && e.name !== r.name)
    return { id, communityId, name: r.name }
  })
  const gridIdByName = new Map(grids.map((x) => [x.name, x.id]))
  for (const e of g.removed) {
    counts.grids.removed++
    if (usage.gridIds.has(e.id)) inUse('grids', COLUMNS.grids.name.header, `网格“${e.name}”仍有网格员或诉求在用，不能删除；请保留这一行`)
  }

  // Buildings and their rooms
  const b = matchRows(s.buildings, existing.buildings, (r) => r.name, (e) => e.name, () => newId('b'))
  const buildings: Building[] = b.matched.map(({ input: r, existing: e, id }) => {
    const gridId = gridIdByName.get(r.grid) as string
    tally('buildings', !e, !!e && (e.name !== r.name || e.gridId !== gridId || !sameList(e.rooms, r.rooms)))
    const before = new Set(e ? e.rooms : [])
    const after = new Set(r.rooms)
    for (const room of r.rooms) counts.rooms[before.has(room) ? 'unchanged' : 'created']++
    for (const room of e ? e.rooms : []) {
      if (after.has(room)) continue
      counts.rooms.removed++
      if (usage.rooms.has(roomKey(id, room))) {
        issues.push(
          issueAt('buildings', r.row as number, COLUMNS.buildings.rooms.header, `${r.name}的房号“${room}”仍有住户或诉求在用，不能删除；请在房号中保留它`),
        )
      }
    }
    return { id, communityId, gridId, name: r.name, rooms: [...r.rooms] }
  })
  for (const e of b.removed) {
    counts.buildings.removed++
    counts.rooms.removed += e.rooms.length
    const roomsUsed = e.rooms.some((room) => usage.rooms.has(roomKey(e.id, room)))
    if (usage.buildingIds.has(e.id) || roomsUsed) {
      inUse('buildings', COLUMNS.buildings.name.header, `楼栋“${e.name}”仍有住户、楼栋长或诉求在用，不能删除；请保留这一行`)
    }
  }

  // Departments
  const d = matchRows(s.departments, existing.departments, (r) => r.name, (e) => e.name, () => newId('d'))
  const departments: Department[] = d.matched.map(({ input: r, existing: e, id }) => {
    tally('departments', !e, !!e && e.name !== r.name)
    return { id, communityId, name: r.name }
  })
  for (const e of d.removed) {
    counts.departments.removed++
    if (usage.departmentIds.has(e.id)) inUse('departments', COLUMNS.departments.name.header, `部门“${e.name}”仍有诉求在用，不能删除；请保留这一行`)
  }

  // Categories
  const c = matchRows(s.categories, existing.categories, (r) => r.name, (e) => e.name, () => newId('cat'))
  const categories: Category[] = c.matched.map(({ input: r, existing: e, id }) => {
    const category: Category = {
      id,
      name: r.name,
      guidance: r.guidance,
      deadlineHours: r.deadlineHours,
      ...(r.emergencyPhone && r.emergencyMessage ? { emergency: { phone: r.emergencyPhone, message: r.emergencyMessage } } : {}),
    }
    tally('categories', !e, !!e && !sameCategory(e, category))
    return category
  })
  for (const e of c.removed) {
    counts.categories.removed++
    const reports = usage.categoryIds.get(e.id) ?? 0
    if (reports > 0) inUse('categories', COLUMNS.categories.name.header, `问题类型“${e.name}”仍有 ${reports} 件诉求在用，不能删除；请保留这一行`)
  }

  // Reply templates (nothing names them: they may always go)
  const t = matchRows(s.replyTemplates, existing.replyTemplates, (r) => r.title, (e) => e.title, () => newId('rt'))
  const replyTemplates: ReplyTemplateRecord[] = t.matched.map(({ input: r, existing: e, id }) => {
    tally('replyTemplates', !e, !!e && (e.title !== r.title || e.text !== r.text))
    return { id, title: r.title, text: r.text }
  })
  counts.replyTemplates.removed = t.removed.length

  if (issues.length) return { issues: sortIssues(issues) }
  return {
    plan: {
      target: { grids, buildings, departments, categories, replyTemplates },
      removed: {
        gridIds: g.removed.map((x) => x.id),
        buildingIds: b.removed.map((x) => x.id),
        departmentIds: d.removed.map((x) => x.id),
        categoryIds: c.removed.map((x) => x.id),
        replyTemplateIds: t.removed.map((x) => x.id),
      },
      counts,
    },
  }
}

function sameCategory(a: Category, b: Category): boolean {
  return (
    a.name === b.name &&
    a.guidance === b.guidance &&
    a.deadlineHours === b.deadlineHours &&
    (a.emergency?.phone ?? '') === (b.emergency?.phone ?? '') &&
    (a.emergency?.message ?? '') === (b.emergency?.message ?? '')
  )
}

const COUNT_LABELS: Record<CountKey, string> = { grids: '网格', buildings: '楼栋', rooms: '房号', departments: '部门', categories: '问题类型', replyTemplates: '回复模板' }

/** One line per kind of row: 网格：新增 2，更新 0，删除 0，不变 1 (for the CLI's answer). */
export function formatCounts(counts: Record<CountKey, Count>): string[] {
  return (Object.keys(COUNT_LABELS) as CountKey[]).map((k) => {
    const n = counts[k]
    return `${COUNT_LABELS[k]}：新增 ${n.created}，更新 ${n.updated}，删除 ${n.removed}，不变 ${n.unchanged}`
  })
}

// ── the community itself ───────────────────────────────────────────────────────────────────────

/**
 * A structure whose every row has a `key` (the demo communities) as records, ids from the keys: what
 * the demo seed holds. Throws (a programming error, not an administrator's) when the input is
 * invalid or a row has no key.
 */
export function keyedStructure(communityId: string, input: StructureInput): StructurePlan['target'] {
  const result = planStructure(communityId, emptyStructure(), input, noUsage(), (prefix) => {
    throw new Error(`a row of ${prefix} has no key`)
  })
  if ('issues' in result) throw new Error(`the structure of ${communityId} is invalid: ${result.issues.map(formatIssue).join('; ')}`)
  return result.plan.target
}

/** The full place name above a community: its district and street together (无锡市锡山区东亭街道). */
export function placeName(community: Pick<StructureInput['community'], 'district' | 'street'>): string {
  return `${text(community.district)}${text(community.street)}`
}

/**
 * What a community holds now, as an input (to export it as a workbook, edit and import again):
 * grids named, rows keyed with their ids. `street` and `district` are the community's, split by the
 * caller (Community keeps them as one string).
 */
export function structureOfExisting(community: StructureInput['community'], existing: ExistingStructure): StructureInput {
  const gridName = new Map(existing.grids.map((g) => [g.id, g.name]))
  return {
    community: { ...community },
    grids: existing.grids.map((g) => ({ key: g.id, name: g.name })),
    buildings: existing.buildings.map((b) => ({ key: b.id, name: b.name, grid: gridName.get(b.gridId) ?? '', rooms: [...b.rooms] })),
    departments: existing.departments.map((d) => ({ key: d.id, name: d.name })),
    categories: existing.categories.map((k) => ({
      key: k.id,
      name: k.name,
      deadlineHours: k.deadlineHours,
      guidance: k.guidance,
      ...(k.emergency ? { emergencyPhone: k.emergency.phone, emergencyMessage: k.emergency.message } : {}),
    })),
    replyTemplates: existing.replyTemplates.map((t) => ({ key: t.id, title: t.title, text: t.text })),
  }
}
