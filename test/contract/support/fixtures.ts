import type { CommunitySetup } from '../../../src/core/ports'

/**
 * Two more communities on every contract backend, next to the demo one: another community (for
 * what must never cross between communities) and one with no grid yet (a community being set up).
 * Their people are demo accounts, so each adapter signs in as them the same way.
 */
export const OTHER_COMMUNITY: CommunitySetup = {
  community: { id: 'c-other', name: '临湖社区', kind: 'community', district: '无锡市锡山区东亭街道' },
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
  ],
}

export const NO_GRID_COMMUNITY: CommunitySetup = {
  community: { id: 'c-new', name: '新建村', kind: 'village', district: '无锡市锡山区东港镇' },
  reportPrefix: 'XJ',
  grids: [],
  buildings: [],
  departments: [],
  categories: [{ id: 'cat-new-light', name: '路灯故障', guidance: '请写明路灯位置', deadlineHours: 48 }],
  replyTemplates: [],
  people: [{ id: 'u-new-res', name: '卫兰', phone: '13900000004', roles: ['resident'], gridIds: [], leadsBuildingIds: [], description: '新建村 · 村民' }],
}

export const CONTRACT_COMMUNITIES = [OTHER_COMMUNITY, NO_GRID_COMMUNITY]
