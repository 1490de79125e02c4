import { Button } from '@nutui/nutui-react-taro'
import { Input, View } from '@tarojs/components'
import { useLoad, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import type { Role, User } from '../../../types/domain'
import { FieldError } from '../../components/field-error'
import { INVITE_CODE_LENGTH, normalizeInviteCode } from '../../domain/membership'
import { ROLE_LABEL } from '../../domain/labels'
import { replaceWithToast, ROUTES, toast } from '../../navigation'
import { useStores } from '../../stores/context'
import { CODE_MESSAGES } from '../../stores/membership-store'
import { Screen } from '../../ui/screen'
import { canScan, scanFor } from '../scan'
import { T } from '../texts'
import '../onboarding.css'
import './index.css'

/** The code as it is read aloud and shown: upper case, in two groups of four (AB23 CD45). */
function grouped(typed: string): string {
  const chars = typed.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, INVITE_CODE_LENGTH)
  return chars.length > 4 ? `${chars.slice(0, 4)} ${chars.slice(4)}` : chars
}

/** Roles the invite gave, the most responsible first. */
const ORDER: Role[] = ['admin', 'staff', 'grid_worker', 'building_leader']

/** 输入邀请码: use an invitation to a role (网格员, 楼栋长, 社区工作者, 管理员); handlers go on to 工作台. */
function RedeemInvitePage() {
  const { session, membership } = useStores()
  const router = useRouter()
  const [code, setCode] = useState('')
  const [error, setError] = useState<string | undefined>()

  useLoad(() => {
    const given = router.params.code ? decodeURIComponent(router.params.code) : ''
    if (given) setCode(grouped(given))
  })

  const redeem = async (typed: string) => {
    if (!normalizeInviteCode(typed)) {
      setError(CODE_MESSAGES.invite)
      return
    }
    setError(undefined)
    const before = session.user?.roles ?? []
    const outcome = await membership.redeem(typed)
    if (!outcome.ok) {
      setError(outcome.fields.code ?? outcome.message)
      toast(outcome.message)
      return
    }
    const user: User = outcome.value
    session.replaceUser(user)
    const gained = ORDER.find((r) => user.roles.includes(r) && !before.includes(r)) ?? ORDER.find((r) => user.roles.includes(r))
    const words = T.becameRole(gained ? ROLE_LABEL[gained] : ROLE_LABEL.resident)
    // Every invited role has its work in 工作台 (an admin's too: people, invitations, settings).
    const handles = user.roles.some((r) => r === 'staff' || r === 'grid_worker' || r === 'building_leader' || r === 'admin')
    replaceWithToast(handles ? ROUTES.workspace : ROUTES.me, words, 'success')
  }

  const scan = async () => {
    const scanned = await scanFor('invite')
    if (!scanned) return
    if ('wrong' in scanned) {
      toast(T.inviteScanWrong)
      return
    }
    setCode(grouped(scanned.code))
    await redeem(scanned.code)
  }

  const filled = code.replace(/\s/g, '').length
  return (
    <Screen requireSignIn className='onboarding invite'>
      <View className='onboarding__hero'>
        <View className='onboarding__title'>{T.inviteTitle}</View>
        <View className='muted'>{T.inviteIntro}</View>
      </View>

      <View className='card'>
        <View className='onboarding__label'>{T.inviteCode}</View>
        <Input
          className='onboarding__input invite__code'
          value={code}
          placeholder={T.invitePlaceholder}
          maxlength={INVITE_CODE_LENGTH + 1}
          confirmType='done'
          onInput={(e) => {
            const next = grouped(e.detail.value)
            setCode(next)
            if (error && normalizeInviteCode(next)) setError(undefined)
          }}
          onConfirm={() => void redeem(code)}
        />
        <View className='muted invite__count'>
          {filled}/{INVITE_CODE_LENGTH}
        </View>
        <FieldError field='code' message={error} />
        <Button aria-role='button' className='invite__submit onboarding__primary' type='primary' block size='xlarge' loading={membership.redeeming} onClick={() => void redeem(code)}>
          {membership.redeeming ? T.redeeming : T.redeem}
        </Button>
        {canScan && (
          <Button aria-role='button' className='invite__scan onboarding__secondary' block fill='outline' onClick={() => void scan()}>
            {T.inviteScan}
          </Button>
        )}
      </View>
    </Screen>
  )
}

export default observer(RedeemInvitePage)
