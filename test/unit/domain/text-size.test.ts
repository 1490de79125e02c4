import { isLargeSystemText, LARGE_TEXT_RATIO, startingElderMode } from '../../../src/domain/text-size'

describe('isLargeSystemText: is the phone set to large text?', () => {
  test.each([
    // WeChat (standard 17 px): its steps below and at standard are not large; from 20 px they are.
    [{ px: 15, standardPx: 17 }, false],
    [{ px: 17, standardPx: 17 }, false],
    [{ px: 18, standardPx: 17 }, false],
    [{ px: 20, standardPx: 17 }, true],
    [{ px: 24, standardPx: 17 }, true],
    // A browser (standard 16 px): 大 (20 px) and 特大 (24 px) are large.
    [{ px: 16, standardPx: 16 }, false],
    [{ px: 20, standardPx: 16 }, true],
    [{ px: 24, standardPx: 16 }, true],
  ])('%j → %s', (size, large) => {
    expect(isLargeSystemText(size)).toBe(large)
  })

  test('the threshold is the ratio to standard', () => {
    expect(isLargeSystemText({ px: 17 * LARGE_TEXT_RATIO, standardPx: 17 })).toBe(true)
    expect(isLargeSystemText({ px: 17 * LARGE_TEXT_RATIO - 0.01, standardPx: 17 })).toBe(false)
  })

  test('no reading, or one that makes no sense, is not large', () => {
    expect(isLargeSystemText(null)).toBe(false)
    expect(isLargeSystemText(undefined)).toBe(false)
    expect(isLargeSystemText({ px: Number.NaN, standardPx: 17 })).toBe(false)
    expect(isLargeSystemText({ px: 30, standardPx: 0 })).toBe(false)
    expect(isLargeSystemText({ px: -20, standardPx: 17 })).toBe(false)
  })
})

describe('startingElderMode: a choice the person made always wins', () => {
  const large = { px: 24, standardPx: 17 }
  const standard = { px: 17, standardPx: 17 }

  test('no choice: on, automatically, when the phone text is large; off otherwise', () => {
    expect(startingElderMode(null, large)).toEqual({ elderMode: true, automatic: true })
    expect(startingElderMode(null, standard)).toEqual({ elderMode: false, automatic: false })
    expect(startingElderMode(null, null)).toEqual({ elderMode: false, automatic: false })
  })

  test('a stored choice wins over the phone, either way', () => {
    expect(startingElderMode('off', large)).toEqual({ elderMode: false, automatic: false })
    expect(startingElderMode('on', standard)).toEqual({ elderMode: true, automatic: false })
    expect(startingElderMode('on', null)).toEqual({ elderMode: true, automatic: false })
  })
})
