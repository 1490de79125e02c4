import type { Building, Category, Community, Department, Grid, RatingLevel, ReportLocation, Role, Street } from '../../types/domain'
import { CHUNHUI_COMMUNITY_ID, CHUNHUI_STRUCTURE, DEMO_COMMUNITY_ID, DEMO_STRUCTURE } from './demo-structure'
import { placeName, type StructureInput } from './structure'
import type { ReportMove } from './report-status'

/**
 * The demo community of docs/product.md (映月社区), used by the memory adapter and the server's seed
 * command alike. Reports are given as a story — who filed what, and which steps followed — and each
 * backend replays the steps through its own rules, so the seed can never hold an impossible state.
 */

export interface DemoUser {
  id: string
  name: string
  phone: string
  roles: Role[]
  home?: { buildingId: string; room: string }
  gridIds: string[]
  leadsBuildingIds: string[]
  description: string
  /** Not in the community: a newcomer who has just signed in, or a street officer (with `streetId`). */
  outside?: boolean
  streetId?: string
}

export interface DemoStep {
  move: ReportMove
  by: string
  /** Hours after the report was filed. */
  afterHours: number
  note?: string
  reason?: string
  assignee?: { kind: 'user' | 'department'; id: string }
  rating?: { level: RatingLevel; comment: string }
}

export interface DemoReport {
  key: string
  by: string
  categoryId: string
  description: string
  location: ReportLocation
  anonymous: boolean
  /** Hours before "now" that it was filed. */
  ageHours: number
  steps: DemoStep[]
}

/** The street office of both demo communities (东亭街道). */
export const DEMO_STREET: Street = { id: 's-dongting', name: DEMO_STRUCTURE.community.street, district: DEMO_STRUCTURE.community.district }

/** A demo community as the domain's records: read from its structure (the import's shape), so there is one source. */
export interface DemoPlace {
  community: Community
  grids: Grid[]
  buildings: Building[]
  departments: Department[]
  categories: Category[]
  replyTemplates: Array<{ id: string; title: string; text: string }>
}

function placeOf(id: string, input: StructureInput): DemoPlace {
  const key = (row: { key?: string; name?: string; title?: string }) => {
    if (!row.key) throw new Error(`a demo structure row has no key: ${row.name ?? row.title}`)
    return row.key
  }
  const gridId = (name: string) => key(input.grids.find((g) => g.name === name) ?? { name })
  return {
    community: { id, name: input.community.name, kind: input.community.kind, district: placeName(input.community), streetId: DEMO_STREET.id, streetName: input.community.street },
    grids: input.grids.map((g) => ({ id: key(g), communityId: id, name: g.name })),
    buildings: input.buildings.map((b) => ({ id: key(b), communityId: id, gridId: gridId(b.grid), name: b.name, rooms: [...b.rooms] })),
    departments: input.departments.map((d) => ({ id: key(d), communityId: id, name: d.name })),
    categories: input.categories.map((c) => ({
      id: key(c),
      name: c.name,
      guidance: c.guidance,
      deadlineHours: c.deadlineHours,
      ...(c.emergencyPhone ? { emergency: { phone: c.emergencyPhone, message: c.emergencyMessage ?? '' } } : {}),
    })),
    replyTemplates: input.replyTemplates.map((t) => ({ id: key(t), title: t.title, text: t.text })),
  }
}

export const DEMO_PLACE = placeOf(DEMO_COMMUNITY_ID, DEMO_STRUCTURE)
export const DEMO_COMMUNITY: Community = DEMO_PLACE.community
export const DEMO_GRIDS: Grid[] = DEMO_PLACE.grids
export const DEMO_BUILDINGS: Building[] = DEMO_PLACE.buildings
export const DEMO_DEPARTMENTS: Department[] = DEMO_PLACE.departments
export const DEMO_CATEGORIES: Category[] = DEMO_PLACE.categories
/** The reply templates staff pick from most. */
export const DEMO_REPLY_TEMPLATES = DEMO_PLACE.replyTemplates

/** The second demo community (春晖社区, same street): there so that isolation can be seen. */
export const CHUNHUI_PLACE = placeOf(CHUNHUI_COMMUNITY_ID, CHUNHUI_STRUCTURE)

export const DEMO_USERS: DemoUser[] = [
  {
    id: 'u-wang',
    name: '王秀兰',
    phone: '13800000001',
    roles: ['resident'],
    home: { buildingId: 'b-3', room: '201' },
    gridIds: [],
    leadsBuildingIds: [],
    description: '居民 · 3号楼201',
  },
  {
    id: 'u-li',
    name: '李明',
    phone: '13800000002',
    roles: ['resident'],
    home: { buildingId: 'b-3', room: '302' },
    gridIds: [],
    leadsBuildingIds: [],
    description: '居民 · 3号楼302',
  },
  {
    id: 'u-zhao',
    name: '赵小燕',
    phone: '13800000003',
    roles: ['resident'],
    home: { buildingId: 'b-8', room: '101' },
    gridIds: [],
    leadsBuildingIds: [],
    description: '居民 · 8号楼101',
  },
  {
    id: 'u-chen',
    name: '陈建国',
    phone: '13800000004',
    roles: ['resident'],
    home: { buildingId: 'b-1', room: '102' },
    gridIds: [],
    leadsBuildingIds: [],
    description: '居民 · 1号楼102',
  },
  {
    id: 'u-zhou',
    name: '周桂芳',
    phone: '13800000005',
    roles: ['resident', 'building_leader'],
    home: { buildingId: 'b-3', room: '101' },
    gridIds: [],
    leadsBuildingIds: ['b-3', 'b-5'],
    description: '楼栋长 · 负责3号楼、5号楼',
  },
  {
    id: 'u-gao',
    name: '高志强',
    phone: '13800000011',
    roles: ['resident'],
    home: { buildingId: 'b-3', room: '102' },
    gridIds: [],
    leadsBuildingIds: [],
    description: '居民 · 3号楼102',
  },
  {
    id: 'u-lin',
    name: '林淑珍',
    phone: '13800000012',
    roles: ['resident'],
    home: { buildingId: 'b-3', room: '202' },
    gridIds: [],
    leadsBuildingIds: [],
    description: '居民 · 3号楼202（八十岁，用纸质选票）',
  },
  {
    id: 'u-liu',
    name: '刘伟',
    phone: '13800000006',
    roles: ['grid_worker'],
    gridIds: ['g-1'],
    leadsBuildingIds: [],
    description: '网格员 · 第一网格',
  },
  {
    id: 'u-sun',
    name: '孙丽',
    phone: '13800000007',
    roles: ['grid_worker'],
    gridIds: ['g-2'],
    leadsBuildingIds: [],
    description: '网格员 · 第二网格',
  },
  {
    id: 'u-wu',
    name: '吴强',
    phone: '13800000008',
    roles: ['grid_worker'],
    gridIds: ['g-3'],
    leadsBuildingIds: [],
    description: '网格员 · 第三网格',
  },
  {
    id: 'u-zhang',
    name: '张敏',
    phone: '13800000009',
    roles: ['staff'],
    gridIds: [],
    leadsBuildingIds: [],
    description: '社区工作者 · 映月社区',
  },
  {
    id: 'u-he',
    name: '何军',
    phone: '13800000010',
    roles: ['admin'],
    gridIds: [],
    leadsBuildingIds: [],
    description: '管理员',
  },
  {
    id: 'u-xin',
    name: '新用户',
    phone: '',
    roles: ['resident'],
    gridIds: [],
    leadsBuildingIds: [],
    description: '刚登录 · 尚未加入社区（体验选择社区、认证住户）',
    outside: true,
  },
  {
    id: 'u-street',
    name: '钱主任',
    phone: '13800000020',
    roles: ['street_staff'],
    gridIds: [],
    leadsBuildingIds: [],
    description: '街道工作人员 · 东亭街道（查看各社区统计）',
    outside: true,
    streetId: 's-dongting',
  },
]

const near = (name: string, address: string, latitude: number, longitude: number): ReportLocation => ({
  kind: 'point',
  name,
  address,
  latitude,
  longitude,
})

export const DEMO_REPORTS: DemoReport[] = [
  {
    key: 'r-light',
    by: 'u-wang',
    categoryId: 'cat-light',
    description: '3号楼东侧小路的路灯已经坏了一个星期，晚上很黑，老人走路不安全。',
    location: near('映月社区3号楼', '无锡市锡山区东亭街道映月社区3号楼东侧', 31.5902, 120.3811),
    anonymous: false,
    ageHours: 30,
    steps: [],
  },
  {
    key: 'r-water',
    by: 'u-wang',
    categoryId: 'cat-water',
    description: '3号楼2单元楼道顶部一直在滴水，地面湿滑。',
    location: { kind: 'text', address: '3号楼2单元一楼楼道' },
    anonymous: false,
    ageHours: 20,
    steps: [
      { move: 'accept', by: 'u-zhang', afterHours: 1, note: '已受理，安排网格员上门查看' },
      { move: 'assign', by: 'u-zhang', afterHours: 1.5, assignee: { kind: 'user', id: 'u-sun' }, note: '请孙丽今天上门' },
      { move: 'progress', by: 'u-sun', afterHours: 4, note: '已上门查看，是三楼管道接口老化，已联系物业维修' },
    ],
  },
  {
    key: 'r-garbage',
    by: 'u-wang',
    categoryId: 'cat-garbage',
    description: '5号楼后面的绿化带里堆了很多装修垃圾，已经好几天没人清理。',
    location: near('映月社区5号楼', '映月社区5号楼北侧绿化带', 31.5906, 120.3816),
    anonymous: true,
    ageHours: 70,
    steps: [
      { move: 'accept', by: 'u-sun', afterHours: 2, note: '收到，马上处理' },
      { move: 'assign', by: 'u-sun', afterHours: 2.5, assignee: { kind: 'user', id: 'u-sun' } },
      { move: 'resolve', by: 'u-sun', afterHours: 20, note: '已联系物业清运，现场已清理干净' },
    ],
  },
  {
    key: 'r-bench',
    by: 'u-wang',
    categoryId: 'cat-facility',
    description: '小广场的长椅有一块木板断了，容易划伤人。',
    location: near('映月社区小广场', '映月社区中心小广场', 31.5899, 120.3807),
    anonymous: false,
    ageHours: 240,
    steps: [
      { move: 'accept', by: 'u-zhang', afterHours: 3 },
      { move: 'assign', by: 'u-zhang', afterHours: 3.5, assignee: { kind: 'department', id: 'd-property' } },
      { move: 'resolve', by: 'u-zhang', afterHours: 48, note: '物业已更换木板' },
      { move: 'rate', by: 'u-wang', afterHours: 60, rating: { level: 'satisfied', comment: '修得很快，谢谢！' } },
    ],
  },
  {
    key: 'r-parking',
    by: 'u-li',
    categoryId: 'cat-parking',
    description: '消防通道上长期停着一辆白色轿车，堵住了通道。',
    location: near('映月社区3号楼', '3号楼与5号楼之间的消防通道', 31.5903, 120.3813),
    anonymous: false,
    ageHours: 80,
    steps: [{ move: 'accept', by: 'u-sun', afterHours: 5, note: '已受理，正在联系车主' }],
  },
  {
    key: 'r-noise',
    by: 'u-zhao',
    categoryId: 'cat-noise',
    description: '楼下商铺每天晚上十点以后还在放音乐。',
    location: { kind: 'text', address: '8号楼底商' },
    anonymous: false,
    ageHours: 100,
    steps: [{ move: 'reject', by: 'u-zhang', afterHours: 6, reason: '该商铺不属于本社区管辖，已告知您向街道综合执法部门反映' }],
  },
  {
    key: 'r-road',
    by: 'u-chen',
    categoryId: 'cat-road',
    description: '1号楼门口的路面塌陷了一个坑，下雨天积水。',
    location: near('映月社区1号楼', '映月社区1号楼南门', 31.5897, 120.3801),
    anonymous: false,
    ageHours: 96,
    steps: [],
  },
]


/** A notice of the demo community, published by `by` through the same rules as any notice. */
export interface DemoNotice {
  key: string
  by: string
  scope: { kind: 'community' } | { kind: 'buildings'; buildingIds: string[] }
  title: string
  body: string
  urgent: boolean
  pinned: boolean
  /** Hours before "now" that it was published. */
  ageHours: number
  /** Hours after publishing that it expires (none: it stays). */
  expiresAfterHours?: number
}

export const DEMO_NOTICES: DemoNotice[] = [
  {
    key: 'n-fire-safety',
    by: 'u-zhang',
    scope: { kind: 'community' },
    title: '冬季消防安全提示',
    body:
      '各位居民：\n冬季天干物燥，请不要在楼道、消防通道堆放杂物，电动自行车请到集中充电点充电，严禁“飞线”充电和推车进楼入户。\n如发现消防隐患，可在“邻里”中随手拍反映，我们会尽快处理。\n映月社区居委会',
    urgent: false,
    pinned: true,
    ageHours: 48,
  },
  {
    key: 'n-elevator-b3',
    by: 'u-zhou',
    scope: { kind: 'buildings', buildingIds: ['b-3'] },
    title: '3号楼电梯保养通知',
    body: '3号楼的邻居们：明天上午9点到11点电梯例行保养，期间暂停使用。家里有老人、需要搬运重物的请提前安排，有困难可以找我帮忙。——楼栋长 周桂芳',
    urgent: true,
    pinned: false,
    ageHours: 3,
    expiresAfterHours: 48,
  },
]

/** A message on a report story's thread, posted through the same rules as any message. */
export interface DemoMessage {
  /** The key of a story in DEMO_REPORTS. */
  reportKey: string
  by: string
  /** Hours before "now" that it was posted (after the report was filed). */
  ageHours: number
  body: string
}

export const DEMO_MESSAGES: DemoMessage[] = [
  {
    reportKey: 'r-water',
    by: 'u-sun',
    ageHours: 15,
    body: '王阿姨您好，物业明天上午来更换三楼的管道接口，维修时2单元会临时停水半小时，请提前接点水。',
  },
]

// ── 春晖社区: the second demo community ──────────────────────────────────────────────────────

export const CHUNHUI_USERS: DemoUser[] = [
  {
    id: 'ch-u-lin',
    name: '林美华',
    phone: '13900000001',
    roles: ['resident'],
    home: { buildingId: 'ch-b-3', room: '301' },
    gridIds: [],
    leadsBuildingIds: [],
    description: '居民 · 春晖社区3号楼301',
  },
  {
    id: 'ch-u-gao',
    name: '高峰',
    phone: '13900000002',
    roles: ['staff'],
    gridIds: [],
    leadsBuildingIds: [],
    description: '社区工作者 · 春晖社区',
  },
]

export const CHUNHUI_REPORTS: DemoReport[] = [
  {
    key: 'ch-r-light',
    by: 'ch-u-lin',
    categoryId: 'ch-cat-light',
    description: '春晖社区3号楼北侧的路灯晚上不亮，老人散步看不清路。',
    location: { kind: 'text', address: '春晖社区3号楼北侧' },
    anonymous: false,
    ageHours: 20,
    steps: [{ move: 'accept', by: 'ch-u-gao', afterHours: 2, note: '已受理，已通知物业检修。' }],
  },
]

export const CHUNHUI_NOTICES: DemoNotice[] = [
  {
    key: 'ch-n-water',
    by: 'ch-u-gao',
    scope: { kind: 'community' },
    title: '春晖社区停水通知',
    body: '因管网维修，本周六上午8点至12点春晖社区全区停水，请提前储水。春晖社区居委会',
    urgent: false,
    pinned: false,
    ageHours: 10,
  },
]
