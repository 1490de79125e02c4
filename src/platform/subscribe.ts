import Taro from '@tarojs/taro'
import { taroStorage } from './storage'

const ASKED_KEY = 'linli.subscribe.asked'

/**
 * WeChat subscribe messages (订阅消息) for status changes of a report. Taro inlines
 * `process.env.TARO_APP_*` textually, so the variable is named literally here; when it is empty
 * (no template configured) or on H5, nothing is asked.
 */
function templateId(): string {
  return process.env.TARO_APP_SUBSCRIBE_TEMPLATE_ID || ''
}

/**
 * Ask once, right after a resident's first report went through, whether WeChat may tell them when
 * it moves. WeChat only lets requestSubscribeMessage run from a tap, so the question is a modal
 * whose 好的 is that tap. Whatever the answer, we never ask again on this device.
 */
export async function offerStatusNotifications(texts: { title: string; content: string; confirm: string; cancel: string }): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  const tmplId = templateId()
  if (!tmplId) return
  const storage = taroStorage()
  if (storage.get(ASKED_KEY)) return
  storage.set(ASKED_KEY, new Date().toISOString())
  try {
    const answer = await Taro.showModal({ title: texts.title, content: texts.content, confirmText: texts.confirm, cancelText: texts.cancel })
    if (!answer.confirm) return
    // Taro's typing also demands Alipay's entityIds; WeChat takes tmplIds alone.
    await Taro.requestSubscribeMessage({ tmplIds: [tmplId] } as Taro.requestSubscribeMessage.Option)
  } catch {
    // Refused, or the template is gone: the timeline in 办事 still tells them.
  }
}
