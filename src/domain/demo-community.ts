import type { Building, Category, Community, Department, Grid, RatingLevel, ReportLocation, Role } from '../../types/domain'
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

export const DEMO_COMMUNITY: Community = {
  id: 'c-yingyue',
  name: '映月社区',
  kind: 'community',
  district: '无锡市锡山区东亭街道',
}

export const DEMO_GRIDS: Grid[] = [
  { id: 'g-1', communityId: DEMO_COMMUNITY.id, name: '第一网格' },
  { id: 'g-2', communityId: DEMO_COMMUNITY.id, name: '第二网格' },
  { id: 'g-3', communityId: DEMO_COMMUNITY.id, name: '第三网格' },
]

const ROOMS = ['101', '102', '201', '202', '301', '302', '401', '402']

export const DEMO_BUILDINGS: Building[] = [
  { id: 'b-1', communityId: DEMO_COMMUNITY.id, gridId: 'g-1', name: '1号楼', rooms: ROOMS },
  { id: 'b-2', communityId: DEMO_COMMUNITY.id, gridId: 'g-1', name: '2号楼', rooms: ROOMS },
  { id: 'b-3', communityId: DEMO_COMMUNITY.id, gridId: 'g-2', name: '3号楼', rooms: ROOMS },
  { id: 'b-5', communityId: DEMO_COMMUNITY.id, gridId: 'g-2', name: '5号楼', rooms: ROOMS },
  { id: 'b-8', communityId: DEMO_COMMUNITY.id, gridId: 'g-3', name: '8号楼', rooms: ROOMS },
]

export const DEMO_DEPARTMENTS: Department[] = [
  { id: 'd-property', communityId: DEMO_COMMUNITY.id, name: '物业服务中心' },
  { id: 'd-municipal', communityId: DEMO_COMMUNITY.id, name: '市政养护所' },
  { id: 'd-urban', communityId: DEMO_COMMUNITY.id, name: '城管中队' },
]

export const DEMO_CATEGORIES: Category[] = [
  { id: 'cat-road', name: '道路破损', guidance: '请拍下破损位置，注明靠近哪栋楼', deadlineHours: 72 },
  { id: 'cat-light', name: '路灯故障', guidance: '请写明路灯位置或编号', deadlineHours: 48 },
  { id: 'cat-garbage', name: '垃圾堆放', guidance: '请拍下垃圾堆放的位置', deadlineHours: 24 },
  { id: 'cat-water', name: '漏水/管道', guidance: '如漏水严重请先关闭总阀', deadlineHours: 24 },
  { id: 'cat-elevator', name: '电梯故障', guidance: '如有人被困请立即拨打电梯内的救援电话或119', deadlineHours: 12 },
  { id: 'cat-noise', name: '噪音扰民', guidance: '请写明噪音来源和时间段', deadlineHours: 48 },
  { id: 'cat-parking', name: '乱停车/占道', guidance: '请拍下车辆和占用的通道', deadlineHours: 48 },
  { id: 'cat-green', name: '绿化养护', guidance: '树木倒伏、绿地破坏等', deadlineHours: 120 },
  { id: 'cat-facility', name: '公共设施', guidance: '健身器材、座椅、门禁等损坏', deadlineHours: 72 },
  { id: 'cat-neighbour', name: '邻里纠纷', guidance: '社区会安排调解员联系您', deadlineHours: 120 },
  { id: 'cat-other', name: '其他', guidance: '说清楚在哪里、发生了什么', deadlineHours: 120 },
  {
    id: 'cat-gas',
    name: '燃气泄漏',
    guidance: '',
    deadlineHours: 1,
    emergency: { phone: '119', message: '闻到燃气味：请立即关闭燃气阀门、开窗通风，不要开关电器、不要使用明火，到室外后立即拨打119。' },
  },
  {
    id: 'cat-fire',
    name: '火情',
    guidance: '',
    deadlineHours: 1,
    emergency: { phone: '119', message: '发现火情：请立即拨打119，并沿安全通道撤离，不要乘坐电梯。' },
  },
  {
    id: 'cat-safety',
    name: '治安警情',
    guidance: '',
    deadlineHours: 1,
    emergency: { phone: '110', message: '遇到违法犯罪或人身危险：请立即拨打110。' },
  },
]

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

/** The reply templates staff pick from most (issue 4 grows them into a managed list). */
export const DEMO_REPLY_TEMPLATES = [
  { id: 'tpl-accept', title: '已受理', text: '您反映的问题已受理，我们会尽快安排处理。' },
  { id: 'tpl-visit', title: '已安排上门', text: '已安排网格员上门查看，请保持电话畅通。' },
  { id: 'tpl-done', title: '已处理完毕', text: '问题已处理完毕，请您查看并评价，如仍有问题可选择不满意，我们会重新办理。' },
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
