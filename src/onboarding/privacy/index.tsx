import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { PRIVACY_POLICY, type PolicyItem } from '../../domain/privacy-policy'
import { go, ROUTES } from '../../navigation'
import { hasPrivacyAuthorization } from '../../platform/privacy'
import { useStores } from '../../stores/context'
import { Screen } from '../../ui/screen'
import { T } from '../texts'
import '../onboarding.css'
import './index.css'

const ROWS: Array<{ field: keyof Pick<PolicyItem, 'what' | 'why' | 'who' | 'kept' | 'afterDeletion'>; label: string }> = [
  { field: 'what', label: T.privacyWhat },
  { field: 'why', label: T.privacyWhy },
  { field: 'who', label: T.privacyWho },
  { field: 'kept', label: T.privacyKept },
  { field: 'afterDeletion', label: T.privacyAfterDeletion },
]

/**
 * 隐私政策: everything the app keeps about a person, item by item, drawn from the policy's data
 * (src/domain/privacy-policy.ts, held to the server's schema by its test). Open to everyone (from
 * sign-in, 我的 and the privacy dialog); about 25 items, so drawn plainly, not as a virtual list.
 */
function PrivacyPage() {
  const { privacy, backendMode } = useStores()
  return (
    <Screen className='onboarding privacy' privacyPrompt={false}>
      <View className='onboarding__hero'>
        <View className='onboarding__title'>{T.privacyTitle}</View>
        <View className='privacy__intro'>{T.privacyIntro}</View>
        {backendMode === 'memory' && <View className='muted privacy__demo'>{T.privacyDemo}</View>}
      </View>
      {PRIVACY_POLICY.map((item) => (
        <View key={item.key} className='card privacy__item' data-item={item.key}>
          <View className='privacy__item-title'>{item.title}</View>
          {ROWS.map((row) => (
            <View key={row.field} className='privacy__row' data-field={row.field}>
              <View className='privacy__label'>{row.label}</View>
              <View className='privacy__text'>{item[row.field]}</View>
            </View>
          ))}
        </View>
      ))}
      <View className='card privacy__rights'>
        <View className='section-title'>{T.privacyRightsTitle}</View>
        {T.privacyRights.map((line) => (
          <View key={line} className='privacy__text privacy__right'>
            {line}
          </View>
        ))}
        <View className='onboarding__link privacy__my-data tap-target' aria-role='button' onClick={() => go(ROUTES.myData)}>
          {T.privacyMyData}
        </View>
        {hasPrivacyAuthorization() && (
          <View className='onboarding__link privacy__guide tap-target' aria-role='button' onClick={() => void privacy.openContract()}>
            {T.privacyGuide}
          </View>
        )}
      </View>
    </Screen>
  )
}

export default observer(PrivacyPage)
