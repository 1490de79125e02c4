import { categoryIdOf, parseServiceList, searchCategories, UNGROUPED } from '../../../../src/domain/open311/services'

const LIST = [
  { service_code: 'pothole', service_name: '道路坑洼', description: '路面破损', metadata: false, type: 'realtime', keywords: '路面,坑', group: '道路' },
  { service_code: 'light', service_name: '路灯故障', description: null, metadata: true, type: 'realtime', keywords: '路灯', group: '照明' },
  { service_code: 'crack', service_name: '人行道破损', metadata: 'false', type: 'batch', group: '道路' },
  { service_code: 'other', service_name: '其他问题' },
]

test('each service becomes a category with a namespaced id and its service code', () => {
  const [pothole] = parseServiceList(LIST).categories
  expect(pothole).toMatchObject({ id: 'open311:pothole', serviceCode: 'pothole', name: '道路坑洼', guidance: '路面破损' })
})

test('groups become chip groups in the order they first appear', () => {
  expect(parseServiceList(LIST).groups).toEqual([
    { name: '道路', categoryIds: ['open311:pothole', 'open311:crack'] },
    { name: '照明', categoryIds: ['open311:light'] },
    { name: UNGROUPED, categoryIds: ['open311:other'] },
  ])
})

test('keywords become a list for search', () => {
  expect(parseServiceList(LIST).categories[0].keywords).toEqual(['路面', '坑'])
})

test('metadata true marks a service with extra questions; "false" and absent do not', () => {
  expect(parseServiceList(LIST).categories.map((c) => c.hasQuestions)).toEqual([false, true, false, false])
})

test('the service type is kept, realtime when absent or unknown', () => {
  expect(parseServiceList([...LIST, { service_code: 'x', service_name: 'X', type: 'weird' }]).categories.map((c) => c.type)).toEqual(['realtime', 'realtime', 'batch', 'realtime', 'realtime'])
})

test('a missing description is an empty guidance', () => {
  expect(parseServiceList(LIST).categories[1].guidance).toBe('')
})

test('every category has the configured deadline, a week by default', () => {
  expect(parseServiceList(LIST).categories[0].deadlineHours).toBe(168)
  expect(parseServiceList(LIST, { deadlineHours: 72 }).categories[0].deadlineHours).toBe(72)
})

test('a service without a code is skipped; one without a name is named by its code', () => {
  const { categories } = parseServiceList([{ service_name: '无代码' }, { service_code: 'nameless' }])
  expect(categories.map((c) => c.name)).toEqual(['nameless'])
})

test('a code seen twice keeps its first entry', () => {
  expect(parseServiceList([...LIST, { service_code: 'pothole', service_name: '重复' }]).categories.filter((c) => c.serviceCode === 'pothole').map((c) => c.name)).toEqual(['道路坑洼'])
})

test('an integer service code is read as its digits', () => {
  expect(parseServiceList([{ service_code: 42, service_name: '四十二' }]).categories[0].id).toBe(categoryIdOf('42'))
})

test('an answer that is not a list gives no categories', () => {
  expect(parseServiceList('<html>')).toEqual({ categories: [], groups: [] })
})

test('search matches name, group and keywords, case-insensitive', () => {
  const { categories } = parseServiceList(LIST)
  expect(searchCategories(categories, '坑').map((c) => c.serviceCode)).toEqual(['pothole'])
  expect(searchCategories(categories, '道路').map((c) => c.serviceCode)).toEqual(['pothole', 'crack'])
  expect(searchCategories(categories, '  ')).toHaveLength(4)
})
