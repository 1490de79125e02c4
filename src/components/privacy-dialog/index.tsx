import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import { useState } from 'react'
import './index.css'

export type PrivacyDialogPurpose = 'location' | 'photos' | null

/** What the person was about to do, in their words: what is used, where it goes, what refusing leaves. */
const WORDS: Record<'location' | 'photos' | 'other', { why: string; where: string; without: string }> = {
  location: {
    why: '在地图上选位置，要用到您选的地点。',
    where: '这个地点会和您填写的内容一起交给社区工作人员，用来找到问题在哪里。',
    without: '不同意也能继续：手动填写地址，一样可以提交。',
  },
  photos: {
    why: '拍照或选照片，要用到您选的照片。',
    where: '照片会和您填写的内容一起交给社区，用来看清问题。',
    without: '不同意也能继续：不带照片，一样可以提交。',
  },
  other: {
    why: '这项功能要用到您的个人信息。',
    where: '这些信息只用在您正在做的这件事上。',
    without: '不同意也能继续使用其他功能。',
  },
}

/** The default name of the guide, until WeChat tells the one set in the mini-program's console. */
export const PRIVACY_GUIDE_NAME = '邻里隐私保护指引'

export interface PrivacyDialogProps {
  purpose: PrivacyDialogPurpose
  /** The guide's name as WeChat knows it ('' until read). */
  contractName?: string
  /** WeChat recorded the consent on the agree button `buttonId` (its agreePrivacyAuthorization event). */
  onAgree: (buttonId: string) => void
  onRefuse: () => void
  /** The full guide (WeChat's page of it). */
  onReadGuide: () => void
  /** The app's own page: what is kept, why, who sees it, how long. */
  onReadPolicy: () => void
}

let dialogs = 0

/**
 * The app's privacy dialog, which WeChat asks for before a privacy API runs the first time (see
 * src/platform/privacy.ts): what is used and why in plain words, 同意 — a button of WeChat's
 * `agreePrivacyAuthorization` kind, so WeChat itself records the consent — and 拒绝, which leaves
 * the form usable (a typed address, no photo). Elder mode: the page's `.elder` class sizes it.
 */
export function PrivacyDialog({ purpose, contractName, onAgree, onRefuse, onReadGuide, onReadPolicy }: PrivacyDialogProps) {
  // One id per dialog drawn (each open page draws its own): WeChat checks the button tapped is this one.
  const [buttonId] = useState(() => `linli-privacy-agree-${++dialogs}`)
  // WeChat gives the name in its own brackets (《…》); the link puts them once.
  const guide = (contractName || PRIVACY_GUIDE_NAME).replace(/^《|》$/g, '')
  const words = WORDS[purpose ?? 'other']
  return (
    <View className='privacy-dialog' aria-role='dialog' aria-modal='true' aria-label='隐私保护提示'>
      <View className='privacy-dialog__box'>
        <View className='privacy-dialog__title'>请先看一下隐私保护提示</View>
        <View className='privacy-dialog__text privacy-dialog__why'>{words.why}</View>
        <View className='privacy-dialog__text'>{words.where}</View>
        <View className='privacy-dialog__text privacy-dialog__without'>{words.without}</View>
        <View className='privacy-dialog__link tap-target' aria-role='link' onClick={onReadGuide}>
          阅读《{guide}》
        </View>
        <View className='privacy-dialog__link privacy-dialog__policy tap-target' aria-role='link' onClick={onReadPolicy}>
          我们保存哪些信息、保存多久
        </View>
        <Button
          id={buttonId}
          className='privacy-dialog__agree'
          type='primary'
          block
          size='xlarge'
          openType='agreePrivacyAuthorization'
          onAgreePrivacyAuthorization={() => onAgree(buttonId)}
        >
          同意
        </Button>
        <Button className='privacy-dialog__refuse' fill='outline' block size='large' onClick={onRefuse}>
          拒绝
        </Button>
      </View>
    </View>
  )
}
