import { readFile } from 'node:fs/promises'
import { Workbook, type Cell, type CellValue, type Worksheet } from 'exceljs'
import {
  COLUMNS,
  GUIDE_SHEET,
  IMPORT_GUIDE,
  SHEET_KEYS,
  SHEETS,
  STRUCTURE_EXAMPLE,
  structureFromSheets,
  structureToSheets,
  type ColumnSpec,
  type SheetKey,
  type SheetTable,
  type StructureInput,
  type StructureIssue,
} from '../../src/domain/structure'

/**
 * A community's structure as an .xlsx workbook (exceljs): one sheet per part, the header in row 1.
 * Only cells are handled here — every rule and message is `src/domain/structure.ts`'s — so what is
 * read is exactly what `structureFromSheets` accepts, and what is written reads back the same.
 */

/** Column widths (in characters) per header; a header not listed gets 16. */
const WIDTHS: Record<string, number> = {
  社区名称: 20,
  类型: 10,
  街道: 16,
  区县: 20,
  诉求编号前缀: 16,
  网格名称: 20,
  楼栋名称: 16,
  所属网格: 16,
  房号: 48,
  部门名称: 24,
  类型名称: 18,
  '限时办结（小时）': 18,
  填写提示: 40,
  紧急电话: 12,
  紧急提示: 60,
  标题: 18,
  内容: 60,
}

/** Columns that hold text even when it looks like a number (房号 “101,102” must not become 101102). */
const TEXT_COLUMNS = new Set(['房号', '楼栋名称', '网格名称', '紧急电话', '诉求编号前缀'])

/** A cell's value as text: numbers, strings, rich text, hyperlinks and formula results alike. */
export function cellText(value: CellValue | unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(12))) : ''
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>
    if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: unknown }>).map((part) => cellText(part.text)).join('')
    if ('formula' in v || 'sharedFormula' in v) return 'result' in v ? cellText(v.result) : ''
    if ('hyperlink' in v || 'text' in v) return cellText(v.text)
    if ('error' in v) return ''
  }
  return String(value)
}

/** One worksheet as its cells' text, up to the last column with a header or a value. */
function tableOf(sheet: Worksheet): SheetTable {
  const width = Math.max(sheet.columnCount, sheet.actualColumnCount)
  const valuesOf = (rowNumber: number): string[] => {
    const row = sheet.getRow(rowNumber)
    const values: string[] = []
    for (let column = 1; column <= width; column++) values.push(cellText(row.getCell(column).value))
    return values
  }
  const rows: SheetTable['rows'] = []
  for (let rowNumber = 2; rowNumber <= sheet.rowCount; rowNumber++) {
    const values = valuesOf(rowNumber)
    if (values.some((v) => v.trim() !== '')) rows.push({ row: rowNumber, values })
  }
  return { headers: valuesOf(1), rows }
}

const readFailure = (message: string): { issues: StructureIssue[] } => ({ issues: [{ sheet: '工作簿', row: 1, column: '—', message }] })

/**
 * Read a workbook (its bytes, or a path) into a valid StructureInput with each row's number in its
 * sheet, or every issue with its sheet, row and column. Sheets are found by their Chinese names
 * (`SHEETS`); other sheets (a 说明 sheet) are ignored.
 */
export async function readStructureWorkbook(source: Buffer | Uint8Array | ArrayBuffer | string): Promise<{ input: StructureInput } | { issues: StructureIssue[] }> {
  let bytes: Buffer
  if (typeof source === 'string') {
    try {
      bytes = await readFile(source)
    } catch {
      return readFailure(`找不到或无法打开文件“${source}”`)
    }
  } else {
    bytes = Buffer.isBuffer(source) ? source : Buffer.from(source instanceof ArrayBuffer ? new Uint8Array(source) : source)
  }
  const workbook = new Workbook()
  try {
    // exceljs types its argument as the non-generic Buffer of older @types/node.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0])
  } catch {
    return readFailure('无法读取这个文件：请使用 Excel 的 .xlsx 格式保存（可先用 npm run admin -- template 生成模板）')
  }
  const byName = new Map<string, Worksheet>()
  workbook.eachSheet((sheet) => {
    const name = sheet.name.trim()
    if (!byName.has(name)) byName.set(name, sheet)
  })
  const tables: Partial<Record<SheetKey, SheetTable>> = {}
  for (const key of SHEET_KEYS) {
    const sheet = byName.get(SHEETS[key])
    if (sheet) tables[key] = tableOf(sheet)
  }
  return structureFromSheets(tables)
}

/**
 * The workbook of a structure, or (`'template'`) the empty one an administrator fills in: every sheet
 * with bold headers explained by a note, one example row each (the template), column widths and a
 * frozen header row; last, a 说明 sheet on how an import treats it (the reader ignores that sheet).
 */
export async function writeStructureWorkbook(input: StructureInput | 'template'): Promise<Buffer> {
  const structure = input === 'template' ? STRUCTURE_EXAMPLE : input
  const sheets = structureToSheets(structure)
  const workbook = new Workbook()
  workbook.creator = '邻里 Linli'
  for (const key of SHEET_KEYS) {
    const { headers, rows } = sheets[key]
    const specs = Object.values(COLUMNS[key] as Record<string, ColumnSpec>)
    const sheet = workbook.addWorksheet(SHEETS[key], { views: [{ state: 'frozen', ySplit: 1 }] })
    sheet.columns = headers.map((header) => ({
      header,
      width: WIDTHS[header] ?? 16,
      ...(TEXT_COLUMNS.has(header) ? { style: { numFmt: '@' } } : {}),
    }))
    const head = sheet.getRow(1)
    head.font = { bold: true }
    head.alignment = { vertical: 'middle' }
    headers.forEach((header, i) => {
      const cell: Cell = head.getCell(i + 1)
      const spec = specs.find((s) => s.header === header)
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: spec?.required ? 'FFFFE8A3' : 'FFEFEFEF' } }
      if (spec) cell.note = `${spec.required ? '必填。' : '可不填。'}${spec.note}`
    })
    for (const values of rows) {
      const row = sheet.addRow(values)
      headers.forEach((header, i) => {
        // Written as text where the column holds text, so a room list stays what it says.
        const value = values[i]
        if (TEXT_COLUMNS.has(header) && typeof value === 'number') row.getCell(i + 1).value = String(value)
      })
    }
    if (key === 'community') {
      const kindColumn = headers.indexOf(COLUMNS.community.kind.header) + 1
      sheet.getCell(2, kindColumn).dataValidation = {
        type: 'list',
        allowBlank: false,
        formulae: ['"社区,村"'],
        showErrorMessage: true,
        errorTitle: '类型',
        error: '请填写“社区”或“村”',
      }
    }
  }
  const guide = workbook.addWorksheet(GUIDE_SHEET)
  guide.getColumn(1).width = 110
  guide.addRow(['填写说明']).font = { bold: true, size: 14 }
  for (const line of IMPORT_GUIDE) guide.addRow([line]).alignment = { wrapText: true, vertical: 'top' }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
