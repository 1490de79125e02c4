import Taro from '@tarojs/taro'
import { systemTextSize } from '../../../src/platform/text-size'

// The unit project's Taro is test/support/taro-node.ts: a plain object, given here what WeChat has.
const taro = Taro as unknown as Record<string, unknown>
afterEach(() => {
  delete taro.getAppBaseInfo
  delete taro.getSystemInfoSync
})

test('weapp: WeChat’s font size setting against its standard 17 px', () => {
  taro.getAppBaseInfo = () => ({ fontSizeSetting: 22 })
  expect(systemTextSize()).toEqual({ px: 22, standardPx: 17 })
})

test('weapp: the scale factor, when WeChat gives one, is the ratio to standard', () => {
  taro.getAppBaseInfo = () => ({ fontSizeSetting: 20, fontSizeScaleFactor: 1.3 })
  expect(systemTextSize()).toEqual({ px: 17 * 1.3, standardPx: 17 })
})

test('weapp: an old base library without getAppBaseInfo answers through getSystemInfoSync', () => {
  taro.getSystemInfoSync = () => ({ fontSizeSetting: 17 })
  expect(systemTextSize()).toEqual({ px: 17, standardPx: 17 })
})

test('no answer, or a failing one, is no reading', () => {
  expect(systemTextSize()).toBeNull()
  taro.getAppBaseInfo = () => ({})
  expect(systemTextSize()).toBeNull()
  taro.getAppBaseInfo = () => {
    throw new Error('not supported')
  }
  expect(systemTextSize()).toBeNull()
})
