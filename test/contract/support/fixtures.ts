import type { CommunitySetup, PersonRecord } from '../../../src/core/ports'
import { DEMO_STREET } from '../../../src/domain/demo-community'

/**
 * Two more communities on every contract backend, next to the demo ones (映月社区 and 春晖社区 of
 * 东亭街道): another community of the same street (for what must never cross between communities)
 * and one of another street with no grid yet (a community being set up). Their people are demo
 * accounts, so each adapter signs in as them the same way.
 */

/** People who have signed in but belong to no community yet, one per story of the membership tests (each is used once per run). */
const newcomer = (id: string, name: string, story: string): PersonRecord => ({
  id,
  name,
  phone: '',
  roles: ['resident'],
  gridIds: [],
  leadsBuildingIds: [],
  description: `契约测试 · ${story}`,
  outside: true,
})

export const NEWCOMERS = {
  /** Invited as a grid worker of 映月社区, then the role is revoked. */
  invitee: 'u-c-invitee',
  /** Invited as a building leader (another invite's code is tried against the guard). */
  leader: 'u-c-leader',
  /** Joins 映月社区, claims 2号楼102, is approved. */
  claimant: 'u-c-claimant',
  /** Joins, claims, is rejected with a reason. */
  rejected: 'u-c-rejected',
  /** Joins, is approved, then leaves (moves out). */
  leaver: 'u-c-leaver',
  /** Joins, is approved, then removed by staff. */
  removed: 'u-c-removed',
  /** Joins, files a report, writes, claims; downloads their data and deletes the account. */
  deleter: 'u-c-deleter',
  /** Joins 临湖社区: the other community's claim and its isolation. */
  elsewhere: 'u-c-elsewhere',
  /** Finds and joins communities, is refused moving once they have a pending claim. */
  joiner: 'u-c-joiner',
  /** Changes their name and phone. */
  renamer: 'u-c-renamer',
} as const

export const OTHER_COMMUNITY: CommunitySetup = {
  community: { id: 'c-other', name: '临湖社区', kind: 'community', district: '无锡市锡山区东亭街道', streetId: DEMO_STREET.id, streetName: DEMO_STREET.name },
  street: DEMO_STREET,
  joinCode: 'LH2026',
  reportPrefix: 'LH',
  grids: [{ id: 'g-other', communityId: 'c-other', name: '临湖第一网格' }],
  buildings: [{ id: 'b-other', communityId: 'c-other', gridId: 'g-other', name: '临湖1号楼', rooms: ['101', '102'] }],
  departments: [{ id: 'd-other', communityId: 'c-other', name: '临湖物业' }],
  categories: [{ id: 'cat-other-light', name: '路灯故障', guidance: '请写明路灯位置', deadlineHours: 48 }],
  replyTemplates: [],
  people: [
    { id: 'u-other-staff', name: '钱芳', phone: '13900000001', roles: ['staff'], gridIds: [], leadsBuildingIds: [], description: '临湖社区 · 社区工作者' },
    { id: 'u-other-grid', name: '冯强', phone: '13900000002', roles: ['grid_worker'], gridIds: ['g-other'], leadsBuildingIds: [], description: '临湖社区 · 网格员' },
    {
      id: 'u-other-res',
      name: '褚红',
      phone: '13900000003',
      roles: ['resident'],
      home: { buildingId: 'b-other', room: '101' },
      gridIds: [],
      leadsBuildingIds: [],
      description: '临湖社区 · 居民',
    },
    newcomer(NEWCOMERS.invitee, '邀请甲', '受邀的网格员'),
    newcomer(NEWCOMERS.leader, '邀请乙', '受邀的楼栋长'),
    newcomer(NEWCOMERS.claimant, '认证丙', '认证通过的住户'),
    newcomer(NEWCOMERS.rejected, '认证丁', '认证被驳回'),
    newcomer(NEWCOMERS.leaver, '搬家戊', '退出住户'),
    newcomer(NEWCOMERS.removed, '移除己', '被移除的成员'),
    newcomer(NEWCOMERS.deleter, '注销庚', '下载数据并注销'),
    newcomer(NEWCOMERS.elsewhere, '临湖辛', '临湖社区的申请人'),
    newcomer(NEWCOMERS.joiner, '找社区壬', '找社区与加入'),
    newcomer(NEWCOMERS.renamer, '改名癸', '修改姓名和电话'),
  ],
}

/** Another street (东港镇), so that a street officer of 东亭街道 cannot read it. */
export const OTHER_STREET = { id: 's-donggang', name: '东港镇', district: '无锡市锡山区' }

export const NO_GRID_COMMUNITY: CommunitySetup = {
  community: { id: 'c-new', name: '新建村', kind: 'village', district: '无锡市锡山区东港镇', streetId: OTHER_STREET.id, streetName: OTHER_STREET.name },
  street: OTHER_STREET,
  joinCode: 'XJ2026',
  reportPrefix: 'XJ',
  grids: [],
  buildings: [],
  departments: [],
  categories: [{ id: 'cat-new-light', name: '路灯故障', guidance: '请写明路灯位置', deadlineHours: 48 }],
  replyTemplates: [],
  people: [{ id: 'u-new-res', name: '卫兰', phone: '13900000004', roles: ['resident'], gridIds: [], leadsBuildingIds: [], description: '新建村 · 村民' }],
}

export const CONTRACT_COMMUNITIES = [OTHER_COMMUNITY, NO_GRID_COMMUNITY]
