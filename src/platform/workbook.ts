import Taro from '@tarojs/taro'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** How opening a workbook ended. */
export type OpenedWorkbook = { ok: true } | { ok: false; message: string }

/** The bytes as an ArrayBuffer of exactly their length (a view may sit inside a larger buffer). */
function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
}

/**
 * Hand a workbook (.xlsx bytes) to the person: on H5 a download of `fileName`; on WeChat it is
 * written to the user data folder and opened in WeChat's document viewer, whose menu sends it on
 * or saves it.
 */
export async function openWorkbook(name: string, bytes: Uint8Array): Promise<OpenedWorkbook> {
  // A nameless file cannot be saved (H5 downloads it without a name, weapp writes to the folder itself).
  const fileName = name.trim() || 'linli-bookings.xlsx'
  if (process.env.TARO_ENV === 'h5') {
    try {
      const url = URL.createObjectURL(new Blob([bufferOf(bytes)], { type: XLSX }))
      const link = document.createElement('a')
      link.href = url
      link.download = fileName
      link.style.display = 'none'
      document.body.appendChild(link)
      link.click()
      link.remove()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
      return { ok: true }
    } catch {
      return { ok: false, message: '下载失败，请重试' }
    }
  }
  const filePath = `${Taro.env.USER_DATA_PATH}/${fileName}`
  try {
    await new Promise<void>((resolve, reject) =>
      Taro.getFileSystemManager().writeFile({ filePath, data: bufferOf(bytes), success: () => resolve(), fail: reject }),
    )
  } catch {
    return { ok: false, message: '保存文件失败，请检查手机存储空间后重试' }
  }
  try {
    await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
    return { ok: true }
  } catch {
    return { ok: false, message: '打开表格失败，请重试' }
  }
}
