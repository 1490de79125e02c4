import type { ArticleInput } from '../../types/api'
import type { FinanceTable, RatingLevel, Stance } from '../../types/domain'

/**
 * 映月社区's conventions and consultation, as a story replayed through the rules like the reports
 * (core/seed-consultation.ts): every step by a person, at a time before "now" (in days).
 */

export interface DemoConvention {
  key: string
  by: string
  kind: 'community' | 'village' | 'building'
  title: string
  buildingIds: string[]
  /** Versions in order: each published `publishedDaysAgo`. */
  versions: Array<{ articles: ArticleInput[]; changeNote: string; publishedDaysAgo: number; keepArticleIds?: boolean }>
  /** Who of which household acknowledged the version in force, and when. */
  acknowledgedBy: Array<{ by: string; daysAgo: number }>
}

export interface DemoProposal {
  key: string
  by: string
  daysAgo: number
  title: string
  body: string
  cosignedBy: Array<{ by: string; daysAgo: number }>
  contributions: Array<{ by: string; daysAgo: number; stance?: Stance; body: string; replyTo?: number }>
  answer?: { by: string; daysAgo: number; kind: 'agenda'; reason: string }
  minutes?: { by: string; daysAgo: number; text: string }
  vote?: {
    by: string
    daysAgo: number
    closesInDays: number
    scope: { kind: 'community' } | { kind: 'buildings'; buildingIds: string[] }
    quorumPercent: number
    description: string
    /** Phone ballots: who, which option (0 同意, 1 不同意, 2 弃权), when. */
    ballots: Array<{ by: string; option: 0 | 1 | 2; daysAgo: number }>
    publishedDaysAgo?: number
  }
  progress?: Array<{ by: string; daysAgo: number; percent: number; text: string; responsible?: string }>
  ratings?: Array<{ by: string; level: RatingLevel; comment: string; daysAgo: number }>
}

export interface DemoDisclosure {
  key: string
  by: string
  daysAgo: number
  category: 'party' | 'affairs' | 'finance'
  period: { year: number; month: number } | { year: number; quarter: number }
  title: string
  body: string
  finance?: FinanceTable
  questions: Array<{ by: string; daysAgo: number; body: string; replyTo?: number }>
}

export const DEMO_PROPOSAL_SETTINGS = { proposalThreshold: 5, proposalWindowDays: 30 }

const COMMUNITY_ARTICLES: ArticleInput[] = [
  { title: '邻里和睦', text: '邻里之间互谅互让、守望相助，有矛盾先沟通，沟通不成可请楼栋长或社区调解。' },
  { title: '环境卫生', text: '垃圾分类投放，不乱扔杂物，不在楼道、绿地堆放物品，爱护公共设施。' },
  { title: '消防安全', text: '电动自行车到集中充电点充电，严禁“飞线”充电和推车进楼入户；保持消防通道畅通。' },
  { title: '文明养犬', text: '出门遛狗牵绳，及时清理粪便，不在公共区域放任犬只吠叫扰民。' },
  { title: '噪声', text: '晚上10点至早上7点不进行装修、高声喧哗等影响他人休息的活动。' },
  { title: '停车', text: '车辆停放在划定车位，不占用消防通道、盲道和出入口。' },
  { title: '参与议事', text: '社区事务由居民共同商量，居民可通过“邻里”提出议题、参与讨论和表决。' },
]

export const DEMO_CONVENTIONS: DemoConvention[] = [
  {
    key: 'c-community',
    by: 'u-zhang',
    kind: 'community',
    title: '映月社区居民公约',
    buildingIds: [],
    versions: [{ articles: COMMUNITY_ARTICLES, changeNote: '经2026年1月居民代表会议讨论通过', publishedDaysAgo: 300 }],
    acknowledgedBy: [
      { by: 'u-li', daysAgo: 290 },
      { by: 'u-zhao', daysAgo: 280 },
      { by: 'u-chen', daysAgo: 200 },
    ],
  },
  {
    key: 'c-b3',
    by: 'u-zhou',
    kind: 'building',
    title: '3号楼文明公约',
    buildingIds: ['b-3'],
    versions: [
      {
        articles: [
          { title: '楼道', text: '楼道内不堆放杂物、不停放电动自行车。' },
          { title: '电梯', text: '文明乘梯，装修垃圾袋装后搬运，不损坏轿厢。' },
          { title: '互助', text: '家中有高龄独居老人的，邻居多关照，发现异常及时告诉楼栋长。' },
        ],
        changeNote: '3号楼居民议事会制定',
        publishedDaysAgo: 200,
      },
      {
        articles: [
          { title: '楼道', text: '楼道内不堆放杂物、不停放电动自行车，鞋柜等物品放在自家门内。' },
          { title: '电梯', text: '文明乘梯，装修垃圾袋装后搬运，不损坏轿厢。' },
          { title: '互助', text: '家中有高龄独居老人的，邻居多关照，发现异常及时告诉楼栋长。' },
          { title: '宠物', text: '带宠物乘梯请抱起或牵紧，有老人小孩时请等下一趟。' },
        ],
        changeNote: '增加宠物乘梯一条，楼道一条写明鞋柜；经3号楼居民议事会通过',
        publishedDaysAgo: 30,
        keepArticleIds: true,
      },
    ],
    acknowledgedBy: [{ by: 'u-li', daysAgo: 25 }],
  },
]

export const DEMO_PROPOSALS: DemoProposal[] = [
  {
    key: 'p-charging',
    by: 'u-chen',
    daysAgo: 5,
    title: '在小区东门增设电动自行车充电棚',
    body: '小区只有北门一处充电点，晚上经常排队，不少邻居把车推进楼道充电，很危险。建议在东门空地增设一处带遮雨棚的充电点。',
    cosignedBy: [
      { by: 'u-zhao', daysAgo: 4 },
      { by: 'u-li', daysAgo: 3 },
      { by: 'u-zhou', daysAgo: 2 },
    ],
    contributions: [
      { by: 'u-zhao', daysAgo: 4, stance: 'for', body: '支持！8号楼离北门远，充电很不方便。' },
      { by: 'u-li', daysAgo: 3, stance: 'neutral', body: '东门空地晚上有老人跳广场舞，充电棚会不会占地方？' },
      { by: 'u-chen', daysAgo: 3, body: '可以用靠墙的那一侧，不影响跳舞。', replyTo: 1 },
    ],
  },
  {
    key: 'p-handrail',
    by: 'u-li',
    daysAgo: 20,
    title: '3号楼楼道加装扶手',
    body: '3号楼没有电梯的低层楼道台阶陡，老人上下楼不方便，建议在一至四层楼道加装扶手，费用从社区公益金列支。',
    cosignedBy: [
      { by: 'u-zhou', daysAgo: 19 },
      { by: 'u-gao', daysAgo: 18 },
    ],
    contributions: [{ by: 'u-zhou', daysAgo: 18, stance: 'for', body: '楼里有好几位八十多岁的老人，很需要。' }],
    answer: { by: 'u-zhang', daysAgo: 15, kind: 'agenda', reason: '涉及3号楼全体住户，列入12月议事会，请3号楼住户表决' },
    minutes: { by: 'u-zhang', daysAgo: 4, text: '12月议事会纪要：参加人 张敏、周桂芳及3号楼住户代表6人。议定：在3号楼一至四层楼道加装不锈钢扶手，费用约8,000元从社区公益金列支，提请3号楼住户表决。' },
    vote: {
      by: 'u-zhang',
      daysAgo: 2,
      closesInDays: 5,
      scope: { kind: 'buildings', buildingIds: ['b-3'] },
      quorumPercent: 60,
      description: '是否同意在3号楼一至四层楼道加装扶手，费用约8,000元从社区公益金列支。',
      ballots: [{ by: 'u-zhou', option: 0, daysAgo: 1 }],
    },
  },
  {
    key: 'p-ramp',
    by: 'u-zhao',
    daysAgo: 60,
    title: '小区东门增设无障碍坡道',
    body: '东门只有台阶，坐轮椅的邻居和推婴儿车的家长进出很难，建议在台阶一侧增设无障碍坡道。',
    cosignedBy: [
      { by: 'u-chen', daysAgo: 58 },
      { by: 'u-wang', daysAgo: 57 },
    ],
    contributions: [{ by: 'u-wang', daysAgo: 57, stance: 'for', body: '我推着小孙子的车，每次都要人帮忙抬。' }],
    answer: { by: 'u-zhang', daysAgo: 50, kind: 'agenda', reason: '列入11月议事会' },
    vote: {
      by: 'u-zhang',
      daysAgo: 40,
      closesInDays: 7,
      scope: { kind: 'community' },
      quorumPercent: 50,
      description: '是否同意在小区东门台阶一侧增设无障碍坡道。',
      ballots: [
        { by: 'u-zhao', option: 0, daysAgo: 39 },
        { by: 'u-chen', option: 0, daysAgo: 39 },
        { by: 'u-wang', option: 0, daysAgo: 38 },
        { by: 'u-li', option: 2, daysAgo: 36 },
      ],
      publishedDaysAgo: 32,
    },
    progress: [
      { by: 'u-zhang', daysAgo: 25, percent: 20, text: '已请施工单位现场测量，方案已报街道。', responsible: '社区居委会 张敏' },
      { by: 'u-zhang', daysAgo: 10, percent: 60, text: '坡道主体已浇筑，正在养护，预计两周后安装扶手。' },
    ],
  },
]

export const DEMO_DISCLOSURES: DemoDisclosure[] = [
  {
    key: 'd-finance-q3',
    by: 'u-zhang',
    daysAgo: 40,
    category: 'finance',
    period: { year: 2026, quarter: 3 },
    title: '2026年第三季度社区公益金收支公开',
    body: '现将映月社区2026年第三季度社区公益金收支情况公开如下，欢迎居民监督。对收支有疑问的，可在下方提问或到居委会查阅凭证。',
    finance: {
      items: [
        { kind: 'income', name: '上级拨付社区公益金', amountFen: 5_000_000 },
        { kind: 'income', name: '党群活动经费', amountFen: 800_000 },
        { kind: 'expense', name: '楼道照明维修', amountFen: 1_235_000 },
        { kind: 'expense', name: '老年食堂补贴', amountFen: 2_000_000 },
        { kind: 'expense', name: '文体活动', amountFen: 560_000 },
      ],
      totalIncomeFen: 5_800_000,
      totalExpenseFen: 3_795_000,
      openingBalanceFen: 1_200_000,
      closingBalanceFen: 3_205_000,
    },
    questions: [
      { by: 'u-wang', daysAgo: 30, body: '老年食堂补贴是按人头补的吗？我们家老人能不能去吃？' },
      { by: 'u-zhang', daysAgo: 29, body: '按就餐人次补贴，60岁以上本社区居民都可以去，每餐补贴3元。', replyTo: 0 },
    ],
  },
  {
    key: 'd-affairs-11',
    by: 'u-zhang',
    daysAgo: 3,
    category: 'affairs',
    period: { year: 2026, month: 11 },
    title: '11月居务公开：民生实事进展',
    body: '1. 东门无障碍坡道：主体完工，正在养护。\n2. 3号楼楼道扶手：已列入议程，3号楼住户表决中。\n3. 冬季消防安全检查：已完成全部8栋楼。',
    questions: [],
  },
]
