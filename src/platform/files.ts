import Taro from '@tarojs/taro'

/** How saving a file ended: downloaded by the browser, handed to a WeChat chat, or the person stopped. */
export type SavedFile = { ok: true; how: 'downloaded' | 'shared' } | { ok: false; cancelled: boolean; message: string }

function isCancel(error: unknown): boolean {
  const msg = (error as { errMsg?: string })?.errMsg ?? String(error)
  return /cancel/i.test(msg)
}

/**
 * Save a JSON document for the person to keep (我的数据): on H5 a download of `fileName`; on WeChat
 * the file is written to the user data folder and offered to send to a chat (文件传输助手 too), as
 * WeChat opens no JSON document itself.
 */
export async function saveJsonFile(fileName: string, value: unknown): Promise<SavedFile> {
  const text = JSON.stringify(value, null, 2)
  if (process.env.TARO_ENV === 'h5') {
    try {
      const blob = new Blob([text], { type: 'application/json;charset=utf-8' })
      const url = URL.createObjectURL(blob)
      const link = document.createElement('a')
      link.href = url
      link.download = fileName
      link.style.display = 'none'
      document.body.appendChild(link)
      link.click()
      link.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
      return { ok: true, how: 'downloaded' }
    } catch {
      return { ok: false, cancelled: false, message: '下载失败，请重试' }
    }
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  try {
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({ filePath, data: text, encoding: 'utf8', success: () => resolve(), fail: reject }),
    )
  } catch {
    return { ok: false, cancelled: false, message: '保存文件失败，请检查手机存储空间后重试' }
  }
  try {
    await Taro.shareFileMessage({ filePath, fileName })
    return { ok: true, how: 'shared' }
  } catch (error) {
    if (isCancel(error)) return { ok: false, cancelled: true, message: '已取消发送' }
    return { ok: false, cancelled: false, message: '发送文件失败，请重试' }
  }
}
