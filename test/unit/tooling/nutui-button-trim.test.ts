import postcss from 'postcss'
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { buttonTags, propsOf, unusedButtonClasses, usedVariants } = require('../../../config/nutui-button-variants.js')
// eslint-disable-next-line @typescript-eslint/no-var-requires
const trim = require('../../../config/postcss-nutui-button-trim.js')

const SHEET = '/x/node_modules/@nutui/nutui-react-taro/dist/es/packages/button/style/style.css'

describe('the NutUI Button variants the app uses (config/nutui-button-variants.js)', () => {
  it('reads an opening tag across lines and past a `>` inside an expression', () => {
    const [tag] = buttonTags(`<Button\n  type='primary'\n  onClick={() => a > b}\n  size={big ? 'xlarge' : "large"}\n>\n  提交\n</Button>`)
    expect(propsOf(tag)).toEqual({ type: ['primary'], size: ['xlarge', 'large'] })
  })

  it('counts every value of a prop written as an expression without strings, or a spread', () => {
    expect(propsOf(`<Button type={kind}`)).toEqual({ type: undefined })
    expect(propsOf(`<Button {...rest}`)).toMatchObject({ spread: true, type: undefined, fill: undefined })
  })

  it('holds what src/ draws: NutUI’s defaults and the primary, outline and xlarge buttons of the tab pages', () => {
    const used = usedVariants('src')
    expect(used.type).toEqual(expect.arrayContaining(['default', 'primary']))
    expect(used.fill).toContain('outline')
    expect(used.size).toEqual(expect.arrayContaining(['normal', 'xlarge', 'small']))
    expect(used.shape).toContain('round')
    const unused = unusedButtonClasses('src')
    expect(unused).not.toContain('nut-button-primary')
    expect(unused).not.toContain('nut-button-xlarge')
  })
})

describe('config/postcss-nutui-button-trim.js', () => {
  const run = (css: string, from = SHEET) => postcss([trim({ unused: ['nut-button-warning', 'nut-button-mini'] })]).process(css, { from }).css

  it('drops a rule when every selector names an unused variant, keeps the others', () => {
    const css = '.nut-button-warning{color:red}.nut-button-mini,.nut-button-primary{x:1}.nut-button-mini .nut-icon{y:2}.nut-button{z:3}'
    expect(run(css)).toBe('.nut-button-mini,.nut-button-primary{x:1}.nut-button{z:3}')
  })

  it('leaves any other stylesheet alone', () => {
    expect(run('.nut-button-warning{color:red}', '/x/src/app.css')).toBe('.nut-button-warning{color:red}')
  })
})
