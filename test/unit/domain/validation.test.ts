import type { Category, ReportLocation } from '../../../types/domain'
import { DEMO_CATEGORIES } from '../../../src/domain/demo-community'
import {
  hasErrors,
  LIMITS,
  validateCategory,
  validateDescription,
  validateLocation,
  validateNewReport,
  validateNote,
  validatePhotoCount,
  validateRating,
  validateReason,
  validateReportBuilding,
} from '../../../src/domain/validation'

const point = (over: Partial<Extract<ReportLocation, { kind: 'point' }>> = {}): ReportLocation => ({
  kind: 'point',
  latitude: 31.59,
  longitude: 120.38,
  name: '映月社区3号楼',
  address: '映月社区3号楼东侧',
  ...over,
})

const validInput = () => ({
  categoryId: 'cat-light',
  description: '3号楼东侧的路灯坏了',
  photoCount: 2,
  location: point(),
  anonymous: false,
})

describe('description', () => {
  it('asks for a description when empty or only whitespace', () => {
    expect(validateDescription(undefined)).toBe('请描述遇到的问题')
    expect(validateDescription('')).toBe('请描述遇到的问题')
    expect(validateDescription('   \n\n  ')).toBe('请描述遇到的问题')
  })

  it('asks for at least 5 characters', () => {
    expect(validateDescription('路灯坏了')).toBe('描述至少需要5个字，请说清楚在哪里、发生了什么')
    expect(validateDescription('路灯坏了。')).toBeUndefined()
  })

  it('counts an emoji as one character, not two UTF-16 units', () => {
    // 4 emoji are 8 UTF-16 units: still too short.
    expect(validateDescription('😀😀😀😀')).toMatch(/至少需要5个字/)
    expect(validateDescription('😀😀😀😀😀')).toBeUndefined()
  })

  it('ignores surrounding whitespace when counting', () => {
    expect(validateDescription('   路灯坏了   ')).toMatch(/至少需要5个字/)
  })

  it('refuses more than 500 characters and says how many there are', () => {
    expect(validateDescription('灯'.repeat(500))).toBeUndefined()
    expect(validateDescription('灯'.repeat(501))).toBe('描述不能超过500个字（现在501个字）')
  })

  it('lets 500 emoji through (1000 UTF-16 units) and counts 501 emoji as 501', () => {
    expect(validateDescription('🏠'.repeat(500))).toBeUndefined()
    expect(validateDescription('🏠'.repeat(501))).toBe('描述不能超过500个字（现在501个字）')
  })
})

describe('location', () => {
  it('asks for a location when there is none', () => {
    expect(validateLocation(null)).toBe('请选择位置，或手动填写地址')
    expect(validateLocation(undefined)).toBe('请选择位置，或手动填写地址')
  })

  it('asks for a detailed typed address of at least 4 characters', () => {
    expect(validateLocation({ kind: 'text', address: '3号楼' })).toBe('请填写详细地址（至少4个字，如“3号楼2单元门口”）')
    expect(validateLocation({ kind: 'text', address: '   ' })).toMatch(/请填写详细地址/)
    expect(validateLocation({ kind: 'text', address: '3号楼门' })).toBeUndefined()
  })

  it('refuses a typed address longer than 100 characters', () => {
    expect(validateLocation({ kind: 'text', address: '路'.repeat(100) })).toBeUndefined()
    expect(validateLocation({ kind: 'text', address: '路'.repeat(101) })).toBe('地址不能超过100个字')
  })

  it.each([
    ['latitude beyond 90', { latitude: 90.5 }],
    ['latitude below -90', { latitude: -91 }],
    ['longitude beyond 180', { longitude: 181 }],
    ['NaN latitude', { latitude: Number.NaN }],
    ['infinite longitude', { longitude: Number.POSITIVE_INFINITY }],
  ])('refuses invalid coordinates (%s)', (_label, over) => {
    expect(validateLocation(point(over))).toBe('位置信息无效，请重新选择')
  })

  it('accepts the edges of the coordinate range', () => {
    expect(validateLocation(point({ latitude: 90, longitude: -180 }))).toBeUndefined()
  })

  it('asks for a point that has a name or an address', () => {
    expect(validateLocation(point({ name: '', address: '' }))).toBe('请选择一个有名称或地址的位置')
    expect(validateLocation(point({ name: '', address: '东亭街道' }))).toBeUndefined()
  })
})

describe('category', () => {
  it('asks for a category, and refuses one that does not exist', () => {
    expect(validateCategory(undefined, DEMO_CATEGORIES)).toBe('请选择问题类型')
    expect(validateCategory('cat-nope', DEMO_CATEGORIES)).toBe('问题类型不存在，请重新选择')
    expect(validateCategory('cat-light', DEMO_CATEGORIES)).toBeUndefined()
  })

  it('refuses an emergency category and names the number to call', () => {
    expect(validateCategory('cat-gas', DEMO_CATEGORIES)).toBe('燃气泄漏属于紧急情况，请立即拨打119')
    expect(validateCategory('cat-safety', DEMO_CATEGORIES)).toBe('治安警情属于紧急情况，请立即拨打110')
  })

  it('uses the emergency phone of the category, whatever it is', () => {
    const medical: Category = { id: 'cat-med', name: '突发疾病', guidance: '', deadlineHours: 1, emergency: { phone: '120', message: '请拨打120' } }
    expect(validateCategory('cat-med', [medical])).toContain('120')
  })
})

describe('photos', () => {
  it('allows up to 9 photos and refuses more', () => {
    expect(LIMITS.photosMax).toBe(9)
    expect(validatePhotoCount(undefined)).toBeUndefined()
    expect(validatePhotoCount(0)).toBeUndefined()
    expect(validatePhotoCount(9)).toBeUndefined()
    expect(validatePhotoCount(10)).toBe('最多上传9张照片')
  })
})

describe('validateNewReport', () => {
  it('finds nothing wrong with a complete report', () => {
    expect(validateNewReport(validInput(), DEMO_CATEGORIES)).toEqual({})
    expect(hasErrors(validateNewReport(validInput(), DEMO_CATEGORIES))).toBe(false)
  })

  it('reports every broken field under its own name', () => {
    const errors = validateNewReport({ categoryId: undefined, description: '', photoCount: 12, location: null }, DEMO_CATEGORIES)
    expect(errors).toEqual({
      categoryId: '请选择问题类型',
      description: '请描述遇到的问题',
      photos: '最多上传9张照片',
      location: '请选择位置，或手动填写地址',
    })
    expect(hasErrors(errors)).toBe(true)
  })

  it('refuses an emergency category in a new report with the phone number', () => {
    const errors = validateNewReport({ ...validInput(), categoryId: 'cat-fire' }, DEMO_CATEGORIES)
    expect(Object.keys(errors)).toEqual(['categoryId'])
    expect(errors.categoryId).toContain('119')
  })
})

describe('validateReportBuilding (where the problem is)', () => {
  const buildings = [{ id: 'b-1' }, { id: 'b-2' }]
  it('takes a building of the community, or nothing (the reporter’s home is used)', () => {
    expect(validateReportBuilding('b-2', buildings)).toEqual({})
    expect(validateReportBuilding(undefined, buildings)).toEqual({})
  })

  it.each([['b-other'], [''], [3], [null], [{ id: 'b-1' }]])('refuses %j on the buildingId field', (buildingId) => {
    expect(validateReportBuilding(buildingId, buildings)).toEqual({ buildingId: '请选择问题所在的楼栋' })
  })
})

describe('rating', () => {
  it('asks for a level', () => {
    expect(validateRating(undefined, '')).toEqual({ level: '请选择满意程度' })
    expect(validateRating('great' as never, '')).toEqual({ level: '请选择满意程度' })
  })

  it('needs a comment when unsatisfied, and only then', () => {
    expect(validateRating('unsatisfied', '')).toEqual({ comment: '请告诉我们哪里不满意，以便重新办理' })
    expect(validateRating('unsatisfied', '   ')).toEqual({ comment: '请告诉我们哪里不满意，以便重新办理' })
    expect(validateRating('unsatisfied', '还是不亮')).toEqual({})
    expect(validateRating('satisfied', '')).toEqual({})
    expect(validateRating('basically_satisfied', undefined)).toEqual({})
  })

  it('limits the comment to 300 characters', () => {
    expect(validateRating('satisfied', '好'.repeat(300))).toEqual({})
    expect(validateRating('satisfied', '好'.repeat(301))).toEqual({ comment: '评价不能超过300个字' })
  })
})

describe('notes and reasons', () => {
  it('requires a note only when asked, and then 2..500 characters', () => {
    expect(validateNote(undefined, false)).toEqual({})
    expect(validateNote('', true)).toEqual({ note: '请填写说明' })
    expect(validateNote('好', false)).toEqual({ note: '说明至少2个字' })
    expect(validateNote('已修', true)).toEqual({})
    expect(validateNote('修'.repeat(501), true)).toEqual({ note: '说明不能超过500个字' })
    expect(validateNote('', true, 'resolution')).toEqual({ resolution: '请填写说明' })
  })

  it('requires a reason of 2..200 characters to reject', () => {
    expect(validateReason(undefined)).toEqual({ reason: '请填写不予受理的理由，居民会看到它' })
    expect(validateReason('否')).toEqual({ reason: '请填写不予受理的理由，居民会看到它' })
    expect(validateReason('不属本社区管辖')).toEqual({})
    expect(validateReason('因'.repeat(201))).toEqual({ reason: '理由不能超过200个字' })
  })
})
