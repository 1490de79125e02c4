import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Workbook, type CellValue } from 'exceljs'
import { CHUNHUI_STRUCTURE, DEMO_STRUCTURE } from '../../src/domain/demo-structure'
import {
  emptyStructure,
  formatIssue,
  noUsage,
  planStructure,
  SHEET_KEYS,
  SHEETS,
  STRUCTURE_EXAMPLE,
  type IdPrefix,
  type StructureInput,
  type StructureIssue,
} from '../../src/domain/structure'
import { cellText, readStructureWorkbook, writeStructureWorkbook } from '../admin/workbook'

type Sheets = Record<string, CellValue[][]>

/**
 * A good workbook of 春晖社区 as an administrator might type it: a blank row in 楼栋 (row 3), numbers
 * where Excel makes numbers, rich text, a formula and a hyperlink.
 */
const goodSheets = (): Sheets => ({
  社区: [
    ['社区名称', '类型', '街道', '区县', '诉求编号前缀'],
    [{ richText: [{ text: '春晖', font: { bold: true } }, { text: '社区' }] }, '社区', ' 东亭街道 ', '无锡市锡山区', 'CH'],
  ],
  网格: [['网格名称'], ['第一网格'], ['第二网格']],
  楼栋: [
    ['楼栋名称', '所属网格', '房号'],
    ['1号楼', '第一网格', '101-104,201-204'],
    [],
    ['2号楼', '第一网格', 101],
    ['3号楼', '第二网格', '101、102 301'],
  ],
  部门: [['部门名称'], [{ text: '物业服务中心', hyperlink: 'https://example.com/' }]],
  问题类型: [
    ['类型名称', '限时办结（小时）', '填写提示', '紧急电话', '紧急提示'],
    ['路灯故障', 48, '请写明路灯位置或编号', null, null],
    ['燃气泄漏', 1, null, 119, '请立即关闭燃气阀门，到室外后拨打119。'],
    ['道路破损', { formula: '24*3', result: 72 }, '请拍下破损位置', '', ''],
  ],
  回复模板: [
    ['标题', '内容'],
    ['已受理', '您反映的问题已受理，我们会尽快安排处理。'],
  ],
})

async function workbookOf(sheets: Sheets): Promise<Buffer> {
  const workbook = new Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name)
    rows.forEach((values, i) => {
      values.forEach((value, j) => {
        if (value !== null && value !== undefined) sheet.getCell(i + 1, j + 1).value = value
      })
    })
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const counter = () => {
  let n = 0
  return (prefix: IdPrefix) => `${prefix}-${++n}`
}

function inputOf(result: { input: StructureInput } | { issues: StructureIssue[] }): StructureInput {
  if ('issues' in result) throw new Error(`unexpected issues: ${result.issues.map(formatIssue).join('; ')}`)
  return result.input
}

const withoutKeysAndRows = (input: StructureInput) => {
  const copy: StructureInput = JSON.parse(JSON.stringify(input))
  delete copy.community.row
  for (const sheet of [copy.grids, copy.buildings, copy.departments, copy.categories, copy.replyTemplates]) {
    for (const row of sheet as Array<{ key?: string; row?: number }>) {
      delete row.key
      delete row.row
    }
  }
  return copy
}

describe('readStructureWorkbook', () => {
  it('reads a good workbook: every kind of cell as text, blank rows skipped, the sheet’s row numbers kept', async () => {
    const input = inputOf(await readStructureWorkbook(await workbookOf(goodSheets())))
    expect(input.community).toEqual({ name: '春晖社区', kind: 'community', street: '东亭街道', district: '无锡市锡山区', reportPrefix: 'CH', row: 2 })
    expect(input.buildings).toEqual([
      { name: '1号楼', grid: '第一网格', rooms: ['101', '102', '103', '104', '201', '202', '203', '204'], row: 2 },
      { name: '2号楼', grid: '第一网格', rooms: ['101'], row: 4 },
      { name: '3号楼', grid: '第二网格', rooms: ['101', '102', '301'], row: 5 },
    ])
    expect(input.departments).toEqual([{ name: '物业服务中心', row: 2 }])
    expect(input.categories).toEqual([
      { name: '路灯故障', deadlineHours: 48, guidance: '请写明路灯位置或编号', row: 2 },
      { name: '燃气泄漏', deadlineHours: 1, guidance: '', emergencyPhone: '119', emergencyMessage: '请立即关闭燃气阀门，到室外后拨打119。', row: 3 },
      { name: '道路破损', deadlineHours: 72, guidance: '请拍下破损位置', row: 4 },
    ])
  })

  it('plans exact counts for a good workbook over an empty community', async () => {
    const input = inputOf(await readStructureWorkbook(await workbookOf(goodSheets())))
    const result = planStructure('c-new', emptyStructure(), input, noUsage(), counter())
    if ('issues' in result) throw new Error(result.issues.map(formatIssue).join('; '))
    const created = (n: number) => ({ created: n, updated: 0, removed: 0, unchanged: 0 })
    expect(result.plan.counts).toEqual({
      grids: created(2),
      buildings: created(3),
      rooms: created(12),
      departments: created(1),
      categories: created(3),
      replyTemplates: created(1),
    })
    expect(result.plan.target.buildings.map((b) => [b.name, b.gridId])).toEqual([
      ['1号楼', 'g-1'],
      ['2号楼', 'g-1'],
      ['3号楼', 'g-2'],
    ])
    // Imported again over what it made: nothing to do.
    const again = planStructure('c-new', result.plan.target, input, noUsage(), () => {
      throw new Error('no new id expected')
    })
    if ('issues' in again) throw new Error(again.issues.map(formatIssue).join('; '))
    expect(Object.values(again.plan.counts).map((n) => n.created + n.updated + n.removed)).toEqual([0, 0, 0, 0, 0, 0])
  })

  type Case = [string, (sheets: Sheets) => void, Array<[string, number, string, string]>]
  const cases: Case[] = [
    [
      'a missing sheet',
      (s) => {
        delete s['部门']
      },
      [['部门', 1, '—', '缺少“部门”表：请按模板添加这张表（表名须为“部门”）']],
    ],
    [
      'an unknown column',
      (s) => {
        s['网格'][0].push('备注')
        s['网格'][1].push('靠近东门')
      },
      [['网格', 1, '备注', '无法识别的列“备注”；“网格”表的列是：网格名称']],
    ],
    [
      'a missing required column',
      (s) => {
        s['楼栋'] = s['楼栋'].map((row) => row.slice(0, 2))
      },
      [['楼栋', 1, '房号', '缺少“房号”列：请在第 1 行添加这个表头']],
    ],
    [
      'a duplicate room',
      (s) => {
        s['楼栋'][4][2] = '101,102,301,102'
      },
      [['楼栋', 5, '房号', '房号“102”重复，同一栋楼里每个房号只能写一次']],
    ],
    [
      'a building in an unknown grid',
      (s) => {
        s['楼栋'][3][1] = '第九网格'
      },
      [['楼栋', 4, '所属网格', '网格“第九网格”不存在，请先在“网格”表中添加']],
    ],
    [
      'a deadline of 0',
      (s) => {
        s['问题类型'][1][1] = 0
      },
      [['问题类型', 2, '限时办结（小时）', '限时办结须大于 0 小时']],
    ],
    [
      'a deadline left empty',
      (s) => {
        s['问题类型'][3][1] = null
      },
      [['问题类型', 4, '限时办结（小时）', '请填写限时办结（小时）']],
    ],
    [
      'a duplicate category',
      (s) => {
        s['问题类型'].push(['路灯故障', 24, '', '', ''])
      },
      [
        ['问题类型', 2, '类型名称', '问题类型“路灯故障”与第 5 行重复，同一张表里不能重复'],
        ['问题类型', 5, '类型名称', '问题类型“路灯故障”与第 2 行重复，同一张表里不能重复'],
      ],
    ],
    [
      'a missing community row',
      (s) => {
        s['社区'] = s['社区'].slice(0, 1)
      },
      [['社区', 2, '社区名称', '请在第 2 行填写社区信息']],
    ],
    [
      'two community rows',
      (s) => {
        s['社区'].push(['映月社区', '社区', '东亭街道', '无锡市锡山区', 'YY'])
      },
      [['社区', 3, '社区名称', '“社区”表只能填一行（一个工作簿导入一个社区），请删除这一行']],
    ],
    [
      'a missing cell and a wrong kind on the community row',
      (s) => {
        s['社区'][1][1] = '镇'
        s['社区'][1][4] = null
      },
      [
        ['社区', 2, '类型', '类型须为“社区”或“村”（现在是“镇”）'],
        ['社区', 2, '诉求编号前缀', '请填写诉求编号前缀'],
      ],
    ],
    [
      'several sheets wrong at once: every issue, in sheet order',
      (s) => {
        delete s['回复模板']
        s['网格'].push(['第二网格'])
        s['问题类型'][2][4] = null
      },
      [
        ['网格', 3, '网格名称', '网格“第二网格”与第 4 行重复，同一张表里不能重复'],
        ['网格', 4, '网格名称', '网格“第二网格”与第 3 行重复，同一张表里不能重复'],
        ['问题类型', 3, '紧急提示', '填写了紧急电话，也请填写紧急提示（告诉居民先做什么）'],
        ['回复模板', 1, '—', '缺少“回复模板”表：请按模板添加这张表（表名须为“回复模板”）'],
      ],
    ],
  ]

  it.each(cases)('%s → its issues, with sheet, row and column', async (_name, breakIt, expected) => {
    const sheets = goodSheets()
    breakIt(sheets)
    const result = await readStructureWorkbook(await workbookOf(sheets))
    expect(result).toEqual({ issues: expected.map(([sheet, row, column, message]) => ({ sheet, row, column, message })) })
  })

  it('reads a file by its path, and says so when there is no such file or it is no workbook', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'linli-workbook-'))
    try {
      const path = join(dir, '春晖社区.xlsx')
      await writeFile(path, await workbookOf(goodSheets()))
      expect(inputOf(await readStructureWorkbook(path)).grids).toEqual([
        { name: '第一网格', row: 2 },
        { name: '第二网格', row: 3 },
      ])
      const missing = join(dir, 'missing.xlsx')
      expect(await readStructureWorkbook(missing)).toEqual({ issues: [{ sheet: '工作簿', row: 1, column: '—', message: `找不到或无法打开文件“${missing}”` }] })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    expect(await readStructureWorkbook(Buffer.from('社区,网格\n'))).toEqual({
      issues: [{ sheet: '工作簿', row: 1, column: '—', message: '无法读取这个文件：请使用 Excel 的 .xlsx 格式保存（可先用 npm run admin -- template 生成模板）' }],
    })
  })
})

describe('writeStructureWorkbook', () => {
  it('writes the template: every sheet, bold headers with a note, one example row, widths, and it reads back as valid', async () => {
    const bytes = await writeStructureWorkbook('template')
    const workbook = new Workbook()
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0])
    expect(workbook.worksheets.map((w) => w.name)).toEqual([...SHEET_KEYS.map((k) => SHEETS[k]), '说明'])
    expect(cellText(workbook.getWorksheet('说明')!.getCell('A2').value)).toMatch(/^这个工作簿导入一个社区/)
    for (const sheet of workbook.worksheets.filter((w) => w.name !== '说明')) {
      const head = sheet.getRow(1)
      expect(head.cellCount).toBeGreaterThan(0)
      head.eachCell((cell) => {
        expect(cell.font?.bold).toBe(true)
        expect(typeof cell.note === 'string' ? cell.note : JSON.stringify(cell.note)).toMatch(/必填|可不填/)
      })
      expect(sheet.rowCount).toBe(2)
      expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(10)
    }
    expect(cellText(workbook.getWorksheet('社区')!.getCell('A2').value)).toBe('示例社区')
    expect(cellText(workbook.getWorksheet('楼栋')!.getCell('C2').value)).toBe('101,102,201,202')
    expect(workbook.getWorksheet('楼栋')!.getColumn(3).width).toBe(48)
    expect(workbook.getWorksheet('社区')!.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['"社区,村"'] })

    const read = inputOf(await readStructureWorkbook(bytes))
    expect(withoutKeysAndRows(read)).toEqual(withoutKeysAndRows(STRUCTURE_EXAMPLE))
  })

  it.each([
    ['映月社区', DEMO_STRUCTURE],
    ['春晖社区', CHUNHUI_STRUCTURE],
  ])('writes %s and reads back the same structure', async (_name, structure) => {
    const bytes = await writeStructureWorkbook(structure)
    const read = inputOf(await readStructureWorkbook(bytes))
    expect(withoutKeysAndRows(read)).toEqual(withoutKeysAndRows(structure))
    expect(read.buildings.map((b) => b.row)).toEqual(structure.buildings.map((_b, i) => i + 2))
    // The rooms are text in the file, not numbers Excel could reformat.
    const workbook = new Workbook()
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0])
    expect(typeof workbook.getWorksheet('楼栋')!.getCell('C2').value).toBe('string')
  })
})

describe('cellText', () => {
  it.each<[CellValue, string]>([
    [null, ''],
    [101, '101'],
    [0.1 + 0.2, '0.3'],
    ['  3号楼 ', '  3号楼 '],
    [true, 'TRUE'],
    [{ richText: [{ text: '第一' }, { text: '网格' }] }, '第一网格'],
    [{ formula: '24*3', result: 72 }, '72'],
    [{ sharedFormula: 'B2', result: '第二网格' }, '第二网格'],
    [{ formula: 'X()', result: { error: '#NAME?' } }, ''],
    [{ text: '物业服务中心', hyperlink: 'https://example.com/' }, '物业服务中心'],
    [{ error: '#N/A' }, ''],
  ])('%j → %j', (value, text) => {
    expect(cellText(value)).toBe(text)
  })
})
