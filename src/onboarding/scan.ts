import Taro from '@tarojs/taro'
import { codeFromScan, type SceneTarget } from '../domain/scene'

/** 扫一扫 is WeChat's: the H5 app has no camera scanner and offers typing the code instead. */
export const canScan = process.env.TARO_ENV === 'weapp'

/**
 * Scan a code of the kind wanted (a community's 社区码 or an invitation): the code, or null when
 * the person cancelled; `wrong` when what they scanned holds no such code.
 */
export async function scanFor(kind: SceneTarget['kind']): Promise<{ code: string } | { wrong: true } | null> {
  try {
    const scan = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
    const code = codeFromScan({ result: scan.result, path: scan.path }, kind)
    return code ? { code } : { wrong: true }
  } catch {
    return null
  }
}
