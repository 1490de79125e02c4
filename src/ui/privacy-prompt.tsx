import { observer } from 'mobx-react-lite'
import { PrivacyDialog } from '../components/privacy-dialog'
import { go, ROUTES } from '../navigation'
import { useStores } from '../stores/context'

/**
 * The privacy dialog on whichever screen is open while WeChat waits for the person's answer (the
 * store opens it: src/stores/privacy-store.ts). Nothing is drawn otherwise, and never on H5.
 */
export const PrivacyPrompt = observer(function PrivacyPrompt() {
  const { privacy } = useStores()
  if (!privacy.open) return null
  return (
    <PrivacyDialog
      purpose={privacy.purpose}
      contractName={privacy.contractName}
      onAgree={privacy.agree}
      onRefuse={privacy.refuse}
      onReadGuide={() => {
        // WeChat's page of the guide; where it cannot open, the app's own page says the same.
        void privacy.openContract().then((opened) => opened || go(ROUTES.privacy))
      }}
      onReadPolicy={() => go(ROUTES.privacy)}
    />
  )
})
