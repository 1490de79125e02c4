// This subpackage's stores (ADR 32): before anything of the page.
import '../stores'
import { Button } from '@nutui/nutui-react-taro'
import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'
import { toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { A } from '../texts'
import '../admin.css'
import './index.css'

/** 社区码: the community's code, large, its mini-program code when there is one, and how residents use it. */
function JoinCodePage() {
  const { session, people } = useStores()
  const signedIn = session.status === 'signed_in'
  const allowed = session.hasRole('staff') || session.hasRole('admin')
  useEffect(() => {
    if (signedIn && allowed) void people.loadJoinCode()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [signedIn, allowed])

  if (signedIn && (!allowed || !people.available)) {
    return (
      <Screen requireSignIn>
        <View className='card muted admin__denied'>{people.available ? A.joinCodeOnly : A.notAvailable}</View>
      </Screen>
    )
  }
  const code = people.joinCode
  const copy = async () => {
    if (!code) return
    try {
      await Taro.setClipboardData({ data: code.code })
      toast(A.codeCopied, 'success')
    } catch {
      toast(A.copyFailed)
    }
  }
  return (
    <Screen requireSignIn className='join-code'>
      {people.joinCodeError && (
        <View className='card field-error admin__error tap-target' aria-role='alert' onClick={() => void people.loadJoinCode()}>
          {people.joinCodeError}
          {A.retry}
        </View>
      )}
      {!code && !people.joinCodeError && <View className='card muted'>{A.loading}</View>}
      {code && (
        <View className='card join-code__card'>
          <View className='section-title join-code__name'>{code.community.name}</View>
          <View className='muted join-code__place'>{code.community.district}</View>
          <View className='admin__code join-code__code' data-code={code.code} aria-label={code.code.split('').join(' ')}>
            {code.code}
          </View>
          {code.dataUrl ? <Image className='admin__qr join-code__qr' src={code.dataUrl} mode='aspectFit' aria-label={A.joinCodeQrAlt} /> : <View className='muted join-code__no-qr'>{A.joinCodeNoQr}</View>}
          <View className='join-code__how'>{A.joinCodeHow}</View>
          <Button className='join-code__copy' type='primary' block size='large' onClick={() => void copy()}>
            {A.copyCode}
          </Button>
        </View>
      )}
    </Screen>
  )
}

export default observer(JoinCodePage)
