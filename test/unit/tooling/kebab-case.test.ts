// eslint-disable-next-line @typescript-eslint/no-var-requires
const kebabCase: (value: unknown) => string = require('../../../config/kebab-case.js')
// eslint-disable-next-line @typescript-eslint/no-var-requires
const lodashKebabCase: (value: unknown) => string = require('lodash.kebabcase')

// The weapp resolves lodash.kebabcase to config/kebab-case.js (ADR 37): NutUI's ConfigProvider names
// its theme's CSS variables with it, so it must agree with lodash on every key a theme can have.
describe('config/kebab-case.js', () => {
  it.each([
    'nutuiBrandColor',
    'nutuiColorPrimaryStop1',
    'buttonPrimaryBackgroundColor',
    'buttonBorderRadius',
    'switchActiveBackgroundColor',
    'color1',
    'XMLHttp',
    'HTMLElement',
    'aB1c',
    'fooBar--baz',
    'a_b c',
    'ABC',
    '',
  ])('names %j as lodash does', (key) => {
    expect(kebabCase(key)).toBe(lodashKebabCase(key))
  })
})
