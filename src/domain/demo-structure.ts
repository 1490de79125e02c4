import type { StructureInput } from './structure'

/**
 * The demo communities as structures — the same shape an administrator's workbook is read into
 * (`npm run admin -- import`), so the demo seed loads them through the import's path. Rows carry
 * `key`: the fixed ids the demo stories name (g-1, b-3, d-property, cat-road, tpl-accept …).
 * Self-contained on purpose: `demo-community.ts` may import from here, never the other way round.
 */

export const DEMO_COMMUNITY_ID = 'c-yingyue'

const ROOMS = ['101', '102', '201', '202', '301', '302', '401', '402']

/** 映月社区 (docs/product.md): the community every demo story happens in. */
export const DEMO_STRUCTURE: StructureInput = {
  community: { name: '映月社区', kind: 'community', street: '东亭街道', district: '无锡市锡山区', reportPrefix: 'YY' },
  grids: [
    { key: 'g-1', name: '第一网格' },
    { key: 'g-2', name: '第二网格' },
    { key: 'g-3', name: '第三网格' },
  ],
  buildings: [
    { key: 'b-1', name: '1号楼', grid: '第一网格', rooms: ROOMS },
    { key: 'b-2', name: '2号楼', grid: '第一网格', rooms: ROOMS },
    { key: 'b-3', name: '3号楼', grid: '第二网格', rooms: ROOMS },
    { key: 'b-5', name: '5号楼', grid: '第二网格', rooms: ROOMS },
    { key: 'b-8', name: '8号楼', grid: '第三网格', rooms: ROOMS },
  ],
  departments: [
    { key: 'd-property', name: '物业服务中心' },
    { key: 'd-municipal', name: '市政养护所' },
    { key: 'd-urban', name: '城管中队' },
  ],
  categories: [
    { key: 'cat-road', name: '道路破损', guidance: '请拍下破损位置，注明靠近哪栋楼', deadlineHours: 72 },
    { key: 'cat-light', name: '路灯故障', guidance: '请写明路灯位置或编号', deadlineHours: 48 },
    { key: 'cat-garbage', name: '垃圾堆放', guidance: '请拍下垃圾堆放的位置', deadlineHours: 24 },
    { key: 'cat-water', name: '漏水/管道', guidance: '如漏水严重请先关闭总阀', deadlineHours: 24 },
    { key: 'cat-elevator', name: '电梯故障', guidance: '如有人被困请立即拨打电梯内的救援电话或119', deadlineHours: 12 },
    { key: 'cat-noise', name: '噪音扰民', guidance: '请写明噪音来源和时间段', deadlineHours: 48 },
    { key: 'cat-parking', name: '乱停车/占道', guidance: '请拍下车辆和占用的通道', deadlineHours: 48 },
    { key: 'cat-green', name: '绿化养护', guidance: '树木倒伏、绿地破坏等', deadlineHours: 120 },
    { key: 'cat-facility', name: '公共设施', guidance: '健身器材、座椅、门禁等损坏', deadlineHours: 72 },
    { key: 'cat-neighbour', name: '邻里纠纷', guidance: '社区会安排调解员联系您', deadlineHours: 120 },
    { key: 'cat-other', name: '其他', guidance: '说清楚在哪里、发生了什么', deadlineHours: 120 },
    {
      key: 'cat-gas',
      name: '燃气泄漏',
      guidance: '',
      deadlineHours: 1,
      emergencyPhone: '119',
      emergencyMessage: '闻到燃气味：请立即关闭燃气阀门、开窗通风，不要开关电器、不要使用明火，到室外后立即拨打119。',
    },
    {
      key: 'cat-fire',
      name: '火情',
      guidance: '',
      deadlineHours: 1,
      emergencyPhone: '119',
      emergencyMessage: '发现火情：请立即拨打119，并沿安全通道撤离，不要乘坐电梯。',
    },
    {
      key: 'cat-safety',
      name: '治安警情',
      guidance: '',
      deadlineHours: 1,
      emergencyPhone: '110',
      emergencyMessage: '遇到违法犯罪或人身危险：请立即拨打110。',
    },
  ],
  replyTemplates: [
    { key: 'tpl-accept', title: '已受理', text: '您反映的问题已受理，我们会尽快安排处理。' },
    { key: 'tpl-visit', title: '已安排上门', text: '已安排网格员上门查看，请保持电话畅通。' },
    { key: 'tpl-done', title: '已处理完毕', text: '问题已处理完毕，请您查看并评价，如仍有问题可选择不满意，我们会重新办理。' },
  ],
}

export const CHUNHUI_COMMUNITY_ID = 'c-chunhui'

/**
 * 春晖社区: a second community in the same street, so that what one community holds is seen to stay
 * in it (it too has a 3号楼 with a 301). Every key is prefixed `ch-`: no id collides with 映月社区's.
 */
export const CHUNHUI_STRUCTURE: StructureInput = {
  community: { name: '春晖社区', kind: 'community', street: '东亭街道', district: '无锡市锡山区', reportPrefix: 'CH' },
  grids: [
    { key: 'ch-g-1', name: '第一网格' },
    { key: 'ch-g-2', name: '第二网格' },
  ],
  buildings: [
    { key: 'ch-b-1', name: '1号楼', grid: '第一网格', rooms: ['101', '102', '201', '202', '301', '302'] },
    { key: 'ch-b-2', name: '2号楼', grid: '第一网格', rooms: ['101', '102', '201', '202'] },
    { key: 'ch-b-3', name: '3号楼', grid: '第二网格', rooms: ['101', '102', '201', '202', '301', '302', '401', '402', '501', '502'] },
  ],
  departments: [
    { key: 'ch-d-property', name: '物业服务中心' },
    { key: 'ch-d-municipal', name: '市政养护所' },
  ],
  categories: [
    { key: 'ch-cat-road', name: '道路破损', guidance: '请拍下破损位置，注明靠近哪栋楼', deadlineHours: 72 },
    { key: 'ch-cat-light', name: '路灯故障', guidance: '请写明路灯位置或编号', deadlineHours: 48 },
    { key: 'ch-cat-garbage', name: '垃圾堆放', guidance: '请拍下垃圾堆放的位置', deadlineHours: 24 },
    { key: 'ch-cat-water', name: '漏水/管道', guidance: '如漏水严重请先关闭总阀', deadlineHours: 24 },
    { key: 'ch-cat-other', name: '其他', guidance: '说清楚在哪里、发生了什么', deadlineHours: 120 },
    {
      key: 'ch-cat-gas',
      name: '燃气泄漏',
      guidance: '',
      deadlineHours: 1,
      emergencyPhone: '119',
      emergencyMessage: '闻到燃气味：请立即关闭燃气阀门、开窗通风，不要开关电器、不要使用明火，到室外后立即拨打119。',
    },
  ],
  replyTemplates: [
    { key: 'ch-tpl-accept', title: '已受理', text: '您反映的问题春晖社区已受理，我们会尽快安排处理。' },
    { key: 'ch-tpl-done', title: '已处理完毕', text: '问题已处理完毕，请您查看并评价；如仍有问题可选择不满意，我们会重新办理。' },
  ],
}
