import { groupCategories, matchCategories } from '../../../src/domain/category-groups'
import type { Category } from '../../../types/domain'

const c = (id: string, name: string, group?: string, keywords?: string[]): Category => ({ id, name, guidance: '', deadlineHours: 168, ...(group ? { group } : {}), ...(keywords ? { keywords } : {}) })
const CITY = [c('a', '道路坑洼', '道路', ['路面', '坑']), c('b', '路灯故障', '照明', ['灯']), c('d', '井盖缺失', '道路', ['井盖']), c('e', '乱涂乱画', '市容', ['涂鸦', '小广告'])]

test('groups categories under their group, in the order the groups first appear', () => {
  expect(groupCategories(CITY).map((g) => [g.name, g.categories.map((x) => x.id)])).toEqual([
    ['道路', ['a', 'd']],
    ['照明', ['b']],
    ['市容', ['e']],
  ])
})

test('categories without a group are one group without a name (Linli’s own)', () => {
  expect(groupCategories([c('x', '噪音扰民'), c('y', '其他')]).map((g) => [g.name, g.categories.length])).toEqual([[null, 2]])
})

test.each([
  ['小广告', ['e']],
  ['道路', ['a', 'd']],
  ['灯', ['b']],
  ['  井 盖 ', ['d']],
  ['门口有个坑', ['a']],
  ['', ['a', 'b', 'd', 'e']],
  ['电梯', []],
])('a search for “%s” finds %j by name, group or keyword', (query, ids) => {
  expect(matchCategories(CITY, query).map((x) => x.id)).toEqual(ids)
})
