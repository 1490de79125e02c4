/**
 * config/postcss-size-floor.js (weapp builds, after pxtransform): elder sizes and targets are kept
 * at their 375 px value on narrower phones, written as max(<px>, <rpx>); nothing else changes.
 */
import postcss from 'postcss'
// eslint-disable-next-line @typescript-eslint/no-var-requires
const floor = require('../../../config/postcss-size-floor.js')

const run = (css: string) => postcss([floor()]).process(css, { from: undefined }).css

describe('the size floor', () => {
  it('floors text, heights and NutUI sizes in elder rules', () => {
    expect(run('.elder .muted{font-size:36rpx}')).toBe('.elder .muted{font-size:max(18px, 36rpx)}')
    expect(run('.linli-elder .weui-tabbar__label{font-size:36rpx}')).toBe('.linli-elder .weui-tabbar__label{font-size:max(18px, 36rpx)}')
    expect(run('.tab-bar--elder .tab-bar__item{min-height:136rpx}')).toBe('.tab-bar--elder .tab-bar__item{min-height:max(68px, 136rpx)}')
    expect(run('.elder{--nutui-button-large-height:124rpx}')).toBe('.elder{--nutui-button-large-height:max(62px, 124rpx)}')
    expect(run('.elder .x{line-height:50rpx}')).toBe('.elder .x{line-height:max(25px, 50rpx)}')
  })

  it('floors normal-mode targets (min sizes of 88rpx and more) anywhere', () => {
    expect(run('.tap-target{min-height:88rpx}')).toBe('.tap-target{min-height:max(44px, 88rpx)}')
    expect(run('.chip{min-width:100rpx}')).toBe('.chip{min-width:max(50px, 100rpx)}')
  })

  it('leaves everything else alone', () => {
    for (const css of [
      '.card{padding:24rpx;font-size:30rpx}', // not elder
      '.elder .card{padding:24rpx;margin:12rpx}', // not a size the numbers are about
      '.elder .x{font-size:1.2em}', // not rpx
      '.row{min-height:40rpx}', // too small to be a target
      '.elderly-thing{font-size:36rpx}', // not the elder class
    ]) {
      expect(run(css)).toBe(css)
    }
  })
})
