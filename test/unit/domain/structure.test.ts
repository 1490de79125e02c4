import { DEMO_BUILDINGS, DEMO_CATEGORIES, DEMO_COMMUNITY, DEMO_DEPARTMENTS, DEMO_GRIDS, DEMO_REPLY_TEMPLATES } from '../../../src/domain/demo-community'
import { CHUNHUI_COMMUNITY_ID, CHUNHUI_STRUCTURE, DEMO_COMMUNITY_ID, DEMO_STRUCTURE } from '../../../src/domain/demo-structure'
import {
  COLUMNS,
  emptyStructure,
  formatCounts,
  formatIssue,
  keyedStructure,
  noUsage,
  parseRooms,
  placeName,
  planStructure,
  roomKey,
  SHEET_KEYS,
  SHEETS,
  STRUCTURE_EXAMPLE,
  structureFromSheets,
  structureOfExisting,
  structureToSheets,
  validateStructure,
  type ExistingStructure,
  type IdPrefix,
  type SheetKey,
  type SheetTable,
  type StructureInput,
  type StructurePlan,
  type StructureUsage,
} from '../../../src/domain/structure'

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value))

/** A newId that counts per prefix (g-new-1, b-new-1 …) and records every call. */
function ids() {
  const calls: IdPrefix[] = []
  const next = new Map<IdPrefix, number>()
  const newId = (prefix: IdPrefix) => {
    calls.push(prefix)
    const n = (next.get(prefix) ?? 0) + 1
    next.set(prefix, n)
    return `${prefix}-new-${n}`
  }
  return { newId, calls }
}

const noNewId = (prefix: IdPrefix): string => {
  throw new Error(`no new id expected, asked for ${prefix}`)
}

function planned(result: ReturnType<typeof planStructure>): StructurePlan {
  if ('issues' in result) throw new Error(`unexpected issues: ${result.issues.map(formatIssue).join('; ')}`)
  return result.plan
}

function issuesOf(result: ReturnType<typeof planStructure>) {
  if ('plan' in result) throw new Error('expected issues, got a plan')
  return result.issues
}

const existingOf = (plan: StructurePlan): ExistingStructure => clone(plan.target)

/** 映月社区 as the demo seed leaves it: the plan of DEMO_STRUCTURE over nothing. */
const demoState = (): ExistingStructure => existingOf(planned(planStructure(DEMO_COMMUNITY_ID, emptyStructure(), DEMO_STRUCTURE, noUsage(), noNewId)))

const zero = { created: 0, updated: 0, removed: 0 }

describe('formatIssue', () => {
  it('names the sheet, row and column', () => {
    expect(formatIssue({ sheet: '楼栋', row: 5, column: '所属网格', message: '网格“第九网格”不存在，请先在“网格”表中添加' })).toBe(
      '“楼栋”表第 5 行“所属网格”：网格“第九网格”不存在，请先在“网格”表中添加',
    )
  })

  it('leaves the column out for an issue about the whole sheet', () => {
    expect(formatIssue({ sheet: '部门', row: 1, column: '—', message: '缺少“部门”表' })).toBe('“部门”表第 1 行：缺少“部门”表')
  })
})

describe('parseRooms', () => {
  it.each([
    ['101,102、201 202', ['101', '102', '201', '202']],
    ['101，102；201;202\n301', ['101', '102', '201', '202', '301']],
    ['  101 ,  102  ', ['101', '102']],
    ['101-104', ['101', '102', '103', '104']],
    ['101~103,201-202', ['101', '102', '103', '201', '202']],
    ['101 - 103', ['101', '102', '103']],
    ['1101-1103', ['1101', '1102', '1103']],
    ['0101-0103', ['0101', '0102', '0103']],
    ['1-101, 2-101', ['1-101', '2-101']],
    ['A1,B2', ['A1', 'B2']],
    ['301,301', ['301', '301']],
    ['１０１，１０２－１０３', ['101', '102', '103']],
  ])('%j → %j', (cell, rooms) => {
    expect(parseRooms(cell)).toEqual({ rooms })
  })

  it.each([
    ['', '请填写房号，如“101,102,201,202”'],
    ['  ，、 ', '请填写房号，如“101,102,201,202”'],
    ['101-204', '房号范围“101-204”须在同一层，如“101-104”'],
    ['104-101', '房号范围“104-101”须从小到大，如“101-104”'],
  ])('%j is refused', (cell, error) => {
    expect(parseRooms(cell)).toEqual({ error })
  })
})

describe('validateStructure', () => {
  it('finds nothing wrong with the demo communities and the template example', () => {
    expect(validateStructure(DEMO_STRUCTURE)).toEqual([])
    expect(validateStructure(CHUNHUI_STRUCTURE)).toEqual([])
    expect(validateStructure(STRUCTURE_EXAMPLE)).toEqual([])
  })

  const base = (): StructureInput => clone(STRUCTURE_EXAMPLE)
  const cases: Array<[string, (s: StructureInput) => void, Array<[string, number, string, string]>]> = [
    [
      'the community: a one-character name, an unknown kind, no street, no district, a lowercase prefix',
      (s) => {
        s.community = { name: '示', kind: 'town' as 'community', street: ' ', district: '', reportPrefix: 'yy' }
      },
      [
        ['社区', 2, '社区名称', '社区名称须为 2–40 个字（现在 1 个字）'],
        ['社区', 2, '类型', '类型须为“社区”或“村”'],
        ['社区', 2, '街道', '请填写街道'],
        ['社区', 2, '区县', '请填写区县'],
        ['社区', 2, '诉求编号前缀', '诉求编号前缀须为 2–6 位大写字母或数字，如“YY”（现在是“yy”）'],
      ],
    ],
    [
      'a prefix of seven characters',
      (s) => {
        s.community.reportPrefix = 'ABCDEFG'
      },
      [['社区', 2, '诉求编号前缀', '诉求编号前缀须为 2–6 位大写字母或数字，如“YY”（现在是“ABCDEFG”）']],
    ],
    [
      'no grid at all (and so the building’s grid is unknown)',
      (s) => {
        s.grids = []
      },
      [
        ['网格', 2, '网格名称', '请至少填写一个网格'],
        ['楼栋', 2, '所属网格', '网格“第一网格”不存在，请先在“网格”表中添加'],
      ],
    ],
    [
      'a duplicate grid names both rows',
      (s) => {
        s.grids = [{ name: '第一网格' }, { name: '第二网格' }, { name: ' 第一网格 ' }]
      },
      [
        ['网格', 2, '网格名称', '网格“第一网格”与第 4 行重复，同一张表里不能重复'],
        ['网格', 4, '网格名称', '网格“第一网格”与第 2 行重复，同一张表里不能重复'],
      ],
    ],
    [
      'a building in an unknown grid, one without a grid, one without rooms',
      (s) => {
        s.buildings = [
          { name: '1号楼', grid: '第九网格', rooms: ['101'] },
          { name: '2号楼', grid: '', rooms: ['101'] },
          { name: '3号楼', grid: '第一网格', rooms: [] },
        ]
      },
      [
        ['楼栋', 2, '所属网格', '网格“第九网格”不存在，请先在“网格”表中添加'],
        ['楼栋', 3, '所属网格', '请填写所属网格'],
        ['楼栋', 4, '房号', '请填写房号，如“101,102,201,202”'],
      ],
    ],
    [
      'a duplicate room and a room that is not a room number, each named once',
      (s) => {
        s.buildings = [{ name: '3号楼', grid: '第一网格', rooms: ['301', '302', '301', '1/1', '301', '12345678901'], row: 7 }]
      },
      [
        ['楼栋', 7, '房号', '房号“301”重复，同一栋楼里每个房号只能写一次'],
        ['楼栋', 7, '房号', '房号“1/1”只能由数字、字母和“-”组成，1–10 个字符'],
        ['楼栋', 7, '房号', '房号“12345678901”只能由数字、字母和“-”组成，1–10 个字符'],
      ],
    ],
    [
      'deadlines of 0, of more than a year and of no number',
      (s) => {
        s.categories = [
          { name: 'A类', deadlineHours: 0, guidance: '' },
          { name: 'B类', deadlineHours: 8761, guidance: '' },
          { name: 'C类', deadlineHours: Number.NaN, guidance: '' },
          { name: 'D类', deadlineHours: 8760, guidance: '' },
          { name: 'E类', deadlineHours: 0.5, guidance: '' },
        ]
      },
      [
        ['问题类型', 2, '限时办结（小时）', '限时办结须大于 0 小时'],
        ['问题类型', 3, '限时办结（小时）', '限时办结不能超过 8760 小时（一年）'],
        ['问题类型', 4, '限时办结（小时）', '限时办结须填写小时数，如 72'],
      ],
    ],
    [
      'emergency phone without a message, a message without a phone, a phone with letters, guidance too long',
      (s) => {
        s.categories = [
          { name: '燃气泄漏', deadlineHours: 1, guidance: '', emergencyPhone: '119' },
          { name: '火情', deadlineHours: 1, guidance: '', emergencyMessage: '请立即拨打119' },
          { name: '治安警情', deadlineHours: 1, guidance: '', emergencyPhone: '110a', emergencyMessage: '请拨打110' },
          { name: '其他', deadlineHours: 72, guidance: '长'.repeat(201) },
        ]
      },
      [
        ['问题类型', 2, '紧急提示', '填写了紧急电话，也请填写紧急提示（告诉居民先做什么）'],
        ['问题类型', 3, '紧急电话', '填写了紧急提示，也请填写紧急电话，如 119'],
        ['问题类型', 4, '紧急电话', '紧急电话须为 3–20 位数字或“-”，如 119（现在是“110a”）'],
        ['问题类型', 5, '填写提示', '填写提示不能超过 200 个字（现在 201 个字）'],
      ],
    ],
    [
      'a duplicate category, a category without a name, no category left',
      (s) => {
        s.categories = [
          { name: '路灯故障', deadlineHours: 48, guidance: '' },
          { name: '', deadlineHours: 48, guidance: '' },
          { name: '路灯故障', deadlineHours: 24, guidance: '' },
        ]
      },
      [
        ['问题类型', 2, '类型名称', '问题类型“路灯故障”与第 4 行重复，同一张表里不能重复'],
        ['问题类型', 3, '类型名称', '请填写类型名称'],
        ['问题类型', 4, '类型名称', '问题类型“路灯故障”与第 2 行重复，同一张表里不能重复'],
      ],
    ],
    [
      'no category',
      (s) => {
        s.categories = []
      },
      [['问题类型', 2, '类型名称', '请至少填写一个问题类型']],
    ],
    [
      'templates: a title of 21 characters, an empty text, a text of 501, duplicate titles',
      (s) => {
        s.replyTemplates = [
          { title: '标'.repeat(21), text: '好' },
          { title: '已受理', text: '  ' },
          { title: '已办结', text: '字'.repeat(501) },
          { title: '已办结', text: '好' },
        ]
      },
      [
        ['回复模板', 2, '标题', '标题不能超过 20 个字（现在 21 个字）'],
        ['回复模板', 3, '内容', '请填写内容'],
        ['回复模板', 4, '标题', '回复模板“已办结”与第 5 行重复，同一张表里不能重复'],
        ['回复模板', 4, '内容', '内容不能超过 500 个字（现在 501 个字）'],
        ['回复模板', 5, '标题', '回复模板“已办结”与第 4 行重复，同一张表里不能重复'],
      ],
    ],
    [
      'a department without a name and one of 41 characters',
      (s) => {
        s.departments = [{ name: '' }, { name: '部'.repeat(41) }]
      },
      [
        ['部门', 2, '部门名称', '请填写部门名称'],
        ['部门', 3, '部门名称', '部门名称不能超过 40 个字（现在 41 个字）'],
      ],
    ],
  ]

  it.each(cases)('%s', (_name, breakIt, expected) => {
    const input = base()
    breakIt(input)
    expect(validateStructure(input)).toEqual(expected.map(([sheet, row, column, message]) => ({ sheet, row, column, message })))
  })

  it('reports every issue of every sheet at once, in sheet order', () => {
    const input = base()
    input.community.reportPrefix = ''
    input.grids.push({ name: '第一网格' })
    input.categories[0].deadlineHours = 0
    expect(validateStructure(input).map((i) => [i.sheet, i.row, i.column])).toEqual([
      ['社区', 2, '诉求编号前缀'],
      ['网格', 2, '网格名称'],
      ['网格', 3, '网格名称'],
      ['问题类型', 2, '限时办结（小时）'],
    ])
  })
})

describe('planStructure', () => {
  it('creates the demo community with the fixed ids of the demo stories', () => {
    const plan = planned(planStructure(DEMO_COMMUNITY_ID, emptyStructure(), DEMO_STRUCTURE, noUsage(), noNewId))
    expect(plan.target.grids).toEqual(DEMO_GRIDS)
    expect(plan.target.buildings).toEqual(DEMO_BUILDINGS)
    expect(plan.target.departments).toEqual(DEMO_DEPARTMENTS)
    expect(plan.target.categories).toEqual(DEMO_CATEGORIES)
    expect(plan.target.replyTemplates).toEqual(DEMO_REPLY_TEMPLATES)
    expect(placeName(DEMO_STRUCTURE.community)).toBe(DEMO_COMMUNITY.district)
    expect(plan.counts).toEqual({
      grids: { created: 3, updated: 0, removed: 0, unchanged: 0 },
      buildings: { created: 5, updated: 0, removed: 0, unchanged: 0 },
      rooms: { created: 40, updated: 0, removed: 0, unchanged: 0 },
      departments: { created: 3, updated: 0, removed: 0, unchanged: 0 },
      categories: { created: 14, updated: 0, removed: 0, unchanged: 0 },
      replyTemplates: { created: 3, updated: 0, removed: 0, unchanged: 0 },
    })
    expect(plan.removed).toEqual({ gridIds: [], buildingIds: [], departmentIds: [], categoryIds: [], replyTemplateIds: [] })
  })

  it('gives the second demo community ids that none of 映月社区 has', () => {
    const a = planned(planStructure(DEMO_COMMUNITY_ID, emptyStructure(), DEMO_STRUCTURE, noUsage(), noNewId)).target
    const b = planned(planStructure(CHUNHUI_COMMUNITY_ID, emptyStructure(), CHUNHUI_STRUCTURE, noUsage(), noNewId)).target
    const all = (t: StructurePlan['target']) => [...t.grids, ...t.buildings, ...t.departments, ...t.categories, ...t.replyTemplates].map((x) => x.id)
    expect(all(b).every((id) => id.startsWith('ch-'))).toBe(true)
    expect(all(b).filter((id) => all(a).includes(id))).toEqual([])
    const b3 = b.buildings.find((x) => x.name === '3号楼')!
    expect(b3.rooms).toContain('301')
    expect(b3.gridId).toBe('ch-g-2')
    expect(b.categories.filter((c) => c.emergency)).toHaveLength(1)
    expect(CHUNHUI_STRUCTURE.community.street).toBe(DEMO_STRUCTURE.community.street)
    expect(CHUNHUI_STRUCTURE.community.reportPrefix).toBe('CH')
  })

  it('makes new ids with the right prefix, in the workbook’s order, for rows without a key', () => {
    const { newId, calls } = ids()
    const plan = planned(planStructure('c-new', emptyStructure(), STRUCTURE_EXAMPLE, noUsage(), newId))
    expect(calls).toEqual(['g', 'b', 'd', 'cat', 'rt'])
    expect(plan.target.grids).toEqual([{ id: 'g-new-1', communityId: 'c-new', name: '第一网格' }])
    expect(plan.target.buildings).toEqual([{ id: 'b-new-1', communityId: 'c-new', gridId: 'g-new-1', name: '1号楼', rooms: ['101', '102', '201', '202'] }])
    expect(plan.target.departments).toEqual([{ id: 'd-new-1', communityId: 'c-new', name: '物业服务中心' }])
    expect(plan.target.categories).toEqual([{ id: 'cat-new-1', name: '路灯故障', guidance: '请写明路灯位置或编号', deadlineHours: 48 }])
    expect(plan.target.replyTemplates).toEqual([{ id: 'rt-new-1', title: '已受理', text: '您反映的问题已受理，我们会尽快安排处理。' }])
  })

  it('is idempotent: the same input over the state it produced changes nothing', () => {
    for (const input of [DEMO_STRUCTURE, CHUNHUI_STRUCTURE, STRUCTURE_EXAMPLE]) {
      const { newId } = ids()
      const first = planned(planStructure('c-x', emptyStructure(), input, noUsage(), newId))
      const again = planned(planStructure('c-x', existingOf(first), input, noUsage(), noNewId))
      expect(again.target).toEqual(first.target)
      expect(again.removed).toEqual({ gridIds: [], buildingIds: [], departmentIds: [], categoryIds: [], replyTemplateIds: [] })
      for (const [kind, n] of Object.entries(again.counts)) {
        expect([kind, { created: n.created, updated: n.updated, removed: n.removed }]).toEqual([kind, zero])
      }
      expect(again.counts.buildings.unchanged).toBe(input.buildings.length)
      expect(again.counts.rooms.unchanged).toBe(input.buildings.reduce((sum, b) => sum + b.rooms.length, 0))
    }
  })

  it('matches a workbook’s rows (no keys) by name, keeping every id', () => {
    const workbook = clone(DEMO_STRUCTURE)
    for (const sheet of [workbook.grids, workbook.buildings, workbook.departments, workbook.categories, workbook.replyTemplates]) {
      for (const row of sheet as Array<{ key?: string }>) delete row.key
    }
    const plan = planned(planStructure(DEMO_COMMUNITY_ID, demoState(), workbook, noUsage(), noNewId))
    expect(plan.target).toEqual(demoState())
    expect(plan.counts.categories).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 14 })
  })

  it('updates in place: a changed deadline, guidance, emergency, template text; new rows get new ids', () => {
    const input = clone(DEMO_STRUCTURE)
    input.categories[1].deadlineHours = 24 // 路灯故障
    input.categories[0].guidance = '请拍下破损位置' // 道路破损
    input.categories[4] = { ...input.categories[4], emergencyPhone: '96333', emergencyMessage: '有人被困请拨打96333' } // 电梯故障
    input.replyTemplates[1].text = '已安排网格员今天上门。'
    input.grids.push({ name: '第四网格' })
    input.categories.push({ name: '宠物扰民', deadlineHours: 48, guidance: '' })
    const { newId, calls } = ids()
    const plan = planned(planStructure(DEMO_COMMUNITY_ID, demoState(), input, noUsage(), newId))
    expect(calls).toEqual(['g', 'cat'])
    expect(plan.counts.categories).toEqual({ created: 1, updated: 3, removed: 0, unchanged: 11 })
    expect(plan.counts.replyTemplates).toEqual({ created: 0, updated: 1, removed: 0, unchanged: 2 })
    expect(plan.counts.grids).toEqual({ created: 1, updated: 0, removed: 0, unchanged: 3 })
    expect(plan.target.categories.find((c) => c.id === 'cat-light')!.deadlineHours).toBe(24)
    expect(plan.target.categories.find((c) => c.id === 'cat-elevator')!.emergency).toEqual({ phone: '96333', message: '有人被困请拨打96333' })
    expect(plan.target.categories[plan.target.categories.length - 1]).toEqual({ id: 'cat-new-1', name: '宠物扰民', guidance: '', deadlineHours: 48 })
    expect(plan.target.grids.map((g) => g.id)).toEqual(['g-1', 'g-2', 'g-3', 'g-new-1'])
  })

  it('renames a keyed row in place (the demo twin may rename)', () => {
    const input = clone(DEMO_STRUCTURE)
    input.grids[0].name = '东一网格'
    for (const b of input.buildings) if (b.grid === '第一网格') b.grid = '东一网格'
    const plan = planned(planStructure(DEMO_COMMUNITY_ID, demoState(), input, noUsage(), noNewId))
    expect(plan.target.grids[0]).toEqual({ id: 'g-1', communityId: DEMO_COMMUNITY_ID, name: '东一网格' })
    expect(plan.counts.grids).toEqual({ created: 0, updated: 1, removed: 0, unchanged: 2 })
    expect(plan.counts.buildings).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 5 })
  })

  it('counts a building moved to another grid as an update', () => {
    const input = clone(DEMO_STRUCTURE)
    input.buildings[2].grid = '第三网格' // 3号楼: 第二网格 → 第三网格
    const plan = planned(planStructure(DEMO_COMMUNITY_ID, demoState(), input, noUsage(), noNewId))
    expect(plan.target.buildings.find((b) => b.id === 'b-3')!.gridId).toBe('g-3')
    expect(plan.counts.buildings).toEqual({ created: 0, updated: 1, removed: 0, unchanged: 4 })
    expect(plan.counts.rooms).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 40 })
  })

  it('counts rooms added and removed per building', () => {
    const input = clone(DEMO_STRUCTURE)
    input.buildings[0].rooms = [...input.buildings[0].rooms.filter((r) => r !== '402'), '501', '502'] // 1号楼
    const plan = planned(planStructure(DEMO_COMMUNITY_ID, demoState(), input, noUsage(), noNewId))
    expect(plan.counts.rooms).toEqual({ created: 2, updated: 0, removed: 1, unchanged: 39 })
    expect(plan.counts.buildings).toEqual({ created: 0, updated: 1, removed: 0, unchanged: 4 })
    expect(plan.target.buildings[0].rooms).toEqual(['101', '102', '201', '202', '301', '302', '401', '501', '502'])
  })

  /** The demo structure without a row of each sheet (8号楼, its 第三网格, 城管中队, 路灯故障, 已安排上门). */
  const smaller = (): StructureInput => {
    const input = clone(DEMO_STRUCTURE)
    input.buildings = input.buildings.filter((b) => b.name !== '8号楼')
    input.grids = input.grids.filter((g) => g.name !== '第三网格')
    input.departments = input.departments.filter((d) => d.name !== '城管中队')
    input.categories = input.categories.filter((c) => c.name !== '路灯故障')
    input.replyTemplates = input.replyTemplates.filter((t) => t.title !== '已安排上门')
    return input
  }

  it('removes what nothing names any more', () => {
    const usage = noUsage()
    usage.categoryIds.set('cat-light', 0) // counted, but no report
    usage.gridIds.add('g-1')
    usage.buildingIds.add('b-3')
    const plan = planned(planStructure(DEMO_COMMUNITY_ID, demoState(), smaller(), usage, noNewId))
    expect(plan.removed).toEqual({ gridIds: ['g-3'], buildingIds: ['b-8'], departmentIds: ['d-urban'], categoryIds: ['cat-light'], replyTemplateIds: ['tpl-visit'] })
    expect(plan.counts.buildings).toEqual({ created: 0, updated: 0, removed: 1, unchanged: 4 })
    expect(plan.counts.rooms).toEqual({ created: 0, updated: 0, removed: 8, unchanged: 32 })
    expect(plan.counts.replyTemplates).toEqual({ created: 0, updated: 0, removed: 1, unchanged: 2 })
    expect(plan.target.categories.map((c) => c.id)).not.toContain('cat-light')
  })

  it('refuses to remove anything the community’s records still name, each on its sheet', () => {
    const usage: StructureUsage = {
      gridIds: new Set(['g-3']),
      buildingIds: new Set(),
      rooms: new Set([roomKey('b-8', '101')]),
      categoryIds: new Map([['cat-light', 12]]),
      departmentIds: new Set(['d-urban']),
    }
    expect(issuesOf(planStructure(DEMO_COMMUNITY_ID, demoState(), smaller(), usage, noNewId))).toEqual([
      { sheet: '网格', row: 1, column: '网格名称', message: '网格“第三网格”仍有网格员或诉求在用，不能删除；请保留这一行' },
      { sheet: '楼栋', row: 1, column: '楼栋名称', message: '楼栋“8号楼”仍有住户、楼栋长或诉求在用，不能删除；请保留这一行' },
      { sheet: '部门', row: 1, column: '部门名称', message: '部门“城管中队”仍有诉求在用，不能删除；请保留这一行' },
      { sheet: '问题类型', row: 1, column: '类型名称', message: '问题类型“路灯故障”仍有 12 件诉求在用，不能删除；请保留这一行' },
    ])
  })

  it('refuses to remove a used room of a kept building, on the building’s row', () => {
    const input = clone(DEMO_STRUCTURE)
    input.buildings[2].rooms = ['101', '102', '202', '302', '401', '402'] // 3号楼 without 201 and 301
    input.buildings[2].row = 4
    const usage = noUsage()
    usage.rooms.add(roomKey('b-3', '201'))
    usage.rooms.add(roomKey('b-1', '301')) // another building's 301: not this one
    expect(issuesOf(planStructure(DEMO_COMMUNITY_ID, demoState(), input, usage, noNewId))).toEqual([
      { sheet: '楼栋', row: 4, column: '房号', message: '3号楼的房号“201”仍有住户或诉求在用，不能删除；请在房号中保留它' },
    ])
    // Unused, the same rooms go.
    const plan = planned(planStructure(DEMO_COMMUNITY_ID, demoState(), input, noUsage(), noNewId))
    expect(plan.counts.rooms).toEqual({ created: 0, updated: 0, removed: 2, unchanged: 38 })
  })

  it('answers the validation issues for an invalid input and plans nothing', () => {
    const input = clone(DEMO_STRUCTURE)
    input.buildings[0].grid = '第九网格'
    expect(issuesOf(planStructure(DEMO_COMMUNITY_ID, demoState(), input, noUsage(), noNewId))).toEqual([
      { sheet: '楼栋', row: 2, column: '所属网格', message: '网格“第九网格”不存在，请先在“网格”表中添加' },
    ])
  })

  it('says what it does in one line per kind of row', () => {
    const plan = planned(planStructure(DEMO_COMMUNITY_ID, demoState(), smaller(), noUsage(), noNewId))
    expect(formatCounts(plan.counts)).toEqual([
      '网格：新增 0，更新 0，删除 1，不变 2',
      '楼栋：新增 0，更新 0，删除 1，不变 4',
      '房号：新增 0，更新 0，删除 8，不变 32',
      '部门：新增 0，更新 0，删除 1，不变 2',
      '问题类型：新增 0，更新 0，删除 1，不变 13',
      '回复模板：新增 0，更新 0，删除 1，不变 2',
    ])
  })
})

describe('keyedStructure', () => {
  it('answers the demo community’s records, ids from the keys', () => {
    expect(keyedStructure(DEMO_COMMUNITY_ID, DEMO_STRUCTURE)).toEqual({
      grids: DEMO_GRIDS,
      buildings: DEMO_BUILDINGS,
      departments: DEMO_DEPARTMENTS,
      categories: DEMO_CATEGORIES,
      replyTemplates: DEMO_REPLY_TEMPLATES,
    })
  })

  it('throws for a row without a key and for an invalid structure', () => {
    expect(() => keyedStructure('c-x', STRUCTURE_EXAMPLE)).toThrow('a row of g has no key')
    const broken = clone(DEMO_STRUCTURE)
    broken.categories[0].deadlineHours = 0
    expect(() => keyedStructure('c-x', broken)).toThrow('“问题类型”表第 2 行“限时办结（小时）”：限时办结须大于 0 小时')
  })
})

describe('structureOfExisting', () => {
  it('turns a community’s records back into the input they came from', () => {
    const back = structureOfExisting(DEMO_STRUCTURE.community, demoState())
    expect(back).toEqual(DEMO_STRUCTURE)
  })
})

describe('structureFromSheets and structureToSheets', () => {
  /** Sheets as a workbook would give them (row numbers from 2). */
  const tablesOf = (input: StructureInput): Record<SheetKey, SheetTable> => {
    const sheets = structureToSheets(input)
    return Object.fromEntries(
      SHEET_KEYS.map((k) => [k, { headers: sheets[k].headers, rows: sheets[k].rows.map((values, i) => ({ row: i + 2, values: values.map(String) })) }]),
    ) as Record<SheetKey, SheetTable>
  }
  const withoutKeys = (input: StructureInput) => {
    const copy = clone(input)
    for (const sheet of [copy.grids, copy.buildings, copy.departments, copy.categories, copy.replyTemplates]) {
      for (const row of sheet as Array<{ key?: string; row?: number }>) {
        delete row.key
        delete row.row
      }
    }
    delete copy.community.row
    return copy
  }

  it('reads back what it wrote', () => {
    for (const input of [DEMO_STRUCTURE, CHUNHUI_STRUCTURE, STRUCTURE_EXAMPLE]) {
      const read = structureFromSheets(tablesOf(input))
      if (!('input' in read)) throw new Error(read.issues.map(formatIssue).join('; '))
      expect(withoutKeys(read.input)).toEqual(withoutKeys(input))
    }
  })

  it('has a header per column, in COLUMNS order', () => {
    expect(structureToSheets(STRUCTURE_EXAMPLE).categories.headers).toEqual(['类型名称', '限时办结（小时）', '填写提示', '紧急电话', '紧急提示'])
    expect(Object.keys(COLUMNS)).toEqual(SHEET_KEYS)
    expect(Object.keys(SHEETS)).toEqual(SHEET_KEYS)
  })

  it('tolerates loose headers, columns in any order and optional columns left out', () => {
    const tables = tablesOf(STRUCTURE_EXAMPLE)
    tables.categories = {
      headers: [' 限时办结(小时) ', '类型名称*', '紧急电话', '紧急提示'],
      rows: [
        { row: 2, values: ['48小时', '路灯故障', '', ''] },
        { row: 3, values: ['１', '燃气泄漏', '１１９', '请拨打119'] },
      ],
    }
    tables.community.rows[0].values[4] = 'ＳＬ'
    const read = structureFromSheets(tables)
    expect(read).toEqual({
      input: expect.objectContaining({
        community: expect.objectContaining({ reportPrefix: 'SL' }),
        categories: [
          { name: '路灯故障', deadlineHours: 48, guidance: '', row: 2 },
          { name: '燃气泄漏', deadlineHours: 1, guidance: '', emergencyPhone: '119', emergencyMessage: '请拨打119', row: 3 },
        ],
      }),
    })
  })

  it('skips blank rows and keeps the sheet’s row numbers', () => {
    const tables = tablesOf(STRUCTURE_EXAMPLE)
    tables.grids.rows = [
      { row: 2, values: ['第一网格'] },
      { row: 3, values: ['  '] },
      { row: 5, values: ['第一网格'] },
    ]
    expect(structureFromSheets(tables)).toEqual({
      issues: [
        { sheet: '网格', row: 2, column: '网格名称', message: '网格“第一网格”与第 5 行重复，同一张表里不能重复' },
        { sheet: '网格', row: 5, column: '网格名称', message: '网格“第一网格”与第 2 行重复，同一张表里不能重复' },
      ],
    })
  })

  it('names a cell that is not what its column holds once, not twice', () => {
    const tables = tablesOf(STRUCTURE_EXAMPLE)
    tables.community.rows[0].values[1] = '街道'
    tables.categories.rows[0].values[1] = '两天'
    tables.buildings.rows[0].values[2] = '101-204'
    expect(structureFromSheets(tables)).toEqual({
      issues: [
        { sheet: '社区', row: 2, column: '类型', message: '类型须为“社区”或“村”（现在是“街道”）' },
        { sheet: '楼栋', row: 2, column: '房号', message: '房号范围“101-204”须在同一层，如“101-104”' },
        { sheet: '问题类型', row: 2, column: '限时办结（小时）', message: '限时办结须为小时数，如 72（现在是“两天”）' },
      ],
    })
  })

  it('reads 村 as a village', () => {
    const tables = tablesOf(STRUCTURE_EXAMPLE)
    tables.community.rows[0].values[1] = '村'
    const read = structureFromSheets(tables)
    expect('input' in read && read.input.community.kind).toBe('village')
  })

  it('refuses a second community row, data under a column without a header, a duplicate header', () => {
    const tables = tablesOf(STRUCTURE_EXAMPLE)
    tables.community.rows.push({ row: 3, values: ['另一个社区', '社区', '东亭街道', '无锡市锡山区', 'LY'] })
    tables.departments = { headers: ['部门名称', '', '部门名称'], rows: [{ row: 2, values: ['物业', '备注', ''] }] }
    expect(structureFromSheets(tables)).toEqual({
      issues: [
        { sheet: '社区', row: 3, column: '社区名称', message: '“社区”表只能填一行（一个工作簿导入一个社区），请删除这一行' },
        { sheet: '部门', row: 1, column: '部门名称', message: '列“部门名称”重复，请只保留一列' },
        { sheet: '部门', row: 2, column: '第 B 列', message: '这一列没有表头：请在第 1 行填写表头，或删除这一列的内容' },
      ],
    })
  })

  it('leaves the rules of a sheet it could not read alone (no issue on every building for a broken 网格)', () => {
    const tables = tablesOf(STRUCTURE_EXAMPLE)
    tables.grids = { headers: ['网格'], rows: [{ row: 2, values: ['第一网格'] }] }
    expect(structureFromSheets(tables)).toEqual({
      issues: [
        { sheet: '网格', row: 1, column: '网格', message: '无法识别的列“网格”；“网格”表的列是：网格名称' },
        { sheet: '网格', row: 1, column: '网格名称', message: '缺少“网格名称”列：请在第 1 行添加这个表头' },
      ],
    })
  })
})
