import { cleanText, maskName, maskPhone, textLength } from '../../../src/domain/text'

describe('maskPhone', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13800000001')).toBe('138****0001')
    expect(maskPhone('13912345678')).toBe('139****5678')
  })

  it('ignores spaces and dashes in the number', () => {
    expect(maskPhone('139-1234-5678')).toBe('139****5678')
    expect(maskPhone(' 139 1234 5678 ')).toBe('139****5678')
  })

  it('never shows a number too short to mask safely', () => {
    expect(maskPhone('123456')).toBe('***')
    expect(maskPhone('')).toBe('***')
  })

  it('never contains the middle digits', () => {
    expect(maskPhone('13812345678')).not.toContain('1234')
  })
})

describe('maskName', () => {
  it('keeps the family name and stars the rest', () => {
    expect(maskName('王秀兰')).toBe('王**')
    expect(maskName('李明')).toBe('李*')
  })

  it('still stars a one-character name', () => {
    expect(maskName('王')).toBe('王*')
  })

  it('treats an emoji as one character', () => {
    expect(maskName('😀小王')).toBe('😀**')
  })

  it('falls back to 居民 for a blank name', () => {
    expect(maskName('   ')).toBe('居民')
  })
})

describe('textLength and cleanText', () => {
  it('counts characters as people do', () => {
    expect(textLength('路灯')).toBe(2)
    expect(textLength('👍🏠')).toBe(2)
    expect(textLength('abc')).toBe(3)
  })

  it('trims, normalises line ends and folds runs of blank lines', () => {
    expect(cleanText('  a\r\nb\rc  ')).toBe('a\nb\nc')
    expect(cleanText('a\n\n\n\n\nb')).toBe('a\n\nb')
    expect(cleanText('   ')).toBe('')
  })
})
