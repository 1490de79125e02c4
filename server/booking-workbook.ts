import { Workbook } from 'exceljs'
import type { ExportTable } from '../src/core/services/booking/desk'

/** Column widths (in characters) of the booking export; a column not listed gets 14. */
const WIDTHS: Record<string, number> = { 日期: 12, 时间: 13, 服务: 18, 地点: 24, 住户: 14, 预约信息: 40, 签到码: 10, 取消或拒绝原因: 30, 评价: 24 }

/** Characters Excel does not allow in a sheet's name (and its 31-character limit). */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, '-').slice(0, 31) || '预约名单'

/**
 * The core's export table (`BookingService.exportTable`) as .xlsx bytes: one sheet, a bold frozen
 * header, every cell text (a check-in code keeps its leading zeros). Only cells are made here; the
 * rows and their words are the core's.
 */
export async function writeBookingWorkbook(table: ExportTable): Promise<Buffer> {
  const workbook = new Workbook()
  workbook.creator = '邻里 Linli'
  const sheet = workbook.addWorksheet(sheetName(table.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = table.columns.map((header) => ({ header, width: WIDTHS[header] ?? 14, style: { numFmt: '@' } }))
  sheet.getRow(1).font = { bold: true }
  for (const row of table.rows) sheet.addRow(row).alignment = { wrapText: true, vertical: 'top' }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * A Content-Disposition for a file whose name is Chinese: an ASCII `filename` for old clients and
 * the real name as RFC 5987 `filename*=UTF-8''…` (which leaves no ' ( ) * unencoded).
 */
export function attachment(fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${fallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
