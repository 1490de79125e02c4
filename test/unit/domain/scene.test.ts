import { codeFromScan, normalizeCommunityCode, parseScene } from '../../../src/domain/scene'

describe('parseScene', () => {
  test.each([
    ['i=AB23CD45', { kind: 'invite', code: 'AB23CD45' }],
    ['c=YYDEMO', { kind: 'community', code: 'YYDEMO' }],
    ['c%3DYYDEMO', { kind: 'community', code: 'YYDEMO' }],
    ['i%3Dab23cd45', { kind: 'invite', code: 'AB23CD45' }],
    // passed through a URL twice
    ['i%253DAB23CD45', { kind: 'invite', code: 'AB23CD45' }],
    ['  c=chdemo  ', { kind: 'community', code: 'CHDEMO' }],
    ['c=YYDEMO&from=poster', { kind: 'community', code: 'YYDEMO' }],
    ['from=poster&i=AB23-CD45', { kind: 'invite', code: 'AB23CD45' }],
  ])('%s → %o', (raw, target) => {
    expect(parseScene(raw)).toEqual(target)
  })

  test.each([
    [undefined],
    [null],
    [''],
    ['   '],
    ['YYDEMO'],
    ['x=YYDEMO'],
    // an invite code has 8 characters of an alphabet without 0/O/1/I
    ['i=AB23CD4'],
    ['i=AB23CD40'],
    ['c=YYDEMO1'],
    ['c=YY DE'],
    ['%E0%A4%A'],
  ])('%s → null', (raw) => {
    expect(parseScene(raw as string | undefined)).toBeNull()
  })
})

test('normalizeCommunityCode: six letters and digits, spaces and dashes dropped, upper case', () => {
  expect(normalizeCommunityCode('yy-demo')).toBe('YYDEMO')
  expect(normalizeCommunityCode(' YY DEMO ')).toBe('YYDEMO')
  expect(normalizeCommunityCode('YYDEM')).toBeNull()
  expect(normalizeCommunityCode('映月社区码')).toBeNull()
})

describe('codeFromScan', () => {
  test('a mini-program code answers its path with the scene', () => {
    expect(codeFromScan({ path: 'pages/home/index?scene=c%3DYYDEMO' }, 'community')).toBe('YYDEMO')
    expect(codeFromScan({ path: 'pages/home/index?scene=i%3DAB23CD45', result: '' }, 'invite')).toBe('AB23CD45')
  })

  test('a code of the other kind is not taken for this one', () => {
    expect(codeFromScan({ path: 'pages/home/index?scene=i%3DAB23CD45' }, 'community')).toBeNull()
    expect(codeFromScan({ result: 'c=YYDEMO' }, 'invite')).toBeNull()
  })

  test('a QR code with a scene, a link with one, or the bare code', () => {
    expect(codeFromScan({ result: 'c=CHDEMO' }, 'community')).toBe('CHDEMO')
    expect(codeFromScan({ result: 'https://linli.example/#/pages/home/index?scene=i%3DAB23CD45' }, 'invite')).toBe('AB23CD45')
    expect(codeFromScan({ result: 'yydemo' }, 'community')).toBe('YYDEMO')
    expect(codeFromScan({ result: 'AB23 CD45' }, 'invite')).toBe('AB23CD45')
  })

  test('anything else holds no code', () => {
    expect(codeFromScan({}, 'community')).toBeNull()
    expect(codeFromScan({ result: 'https://example.com/' }, 'community')).toBeNull()
    expect(codeFromScan({ result: '6901234567892' }, 'invite')).toBeNull()
  })
})
