import Taro from '@tarojs/taro'

/** Whether this platform scans codes with the camera (the mini-program; not a browser). */
export const canScan = process.env.TARO_ENV === 'weapp'

/** The text of a scanned code, or null when the person stopped or nothing was read. */
export async function scanText(): Promise<string | null> {
  try {
    const answer = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
    return typeof answer.result === 'string' && answer.result ? answer.result : null
  } catch {
    return null
  }
}
