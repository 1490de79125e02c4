import { observer } from 'mobx-react-lite'
import { replaceWithToast, ROUTES, scrollToFirstError, toast } from '../../navigation'
import { offerStatusNotifications } from '../../platform/subscribe'
import { Screen } from '../../ui/screen'
import { T } from '../texts'
import { ReportForm } from './report-form'

function NewReportPage() {
  return (
    <Screen requireSignIn>
      <ReportForm
        notify={(message) => toast(message)}
        onInvalid={scrollToFirstError}
        onDone={(outcome) => {
          if (outcome.status === 'sent') {
            replaceWithToast(ROUTES.reportDetail(outcome.reportId), T.submitted, 'success')
            // Once per device, at the moment it means something: "tell me when this moves?"
            setTimeout(() => void offerStatusNotifications(T.subscribe), 1200)
          } else if (outcome.status === 'queued') replaceWithToast(ROUTES.tasks, outcome.message)
        }}
      />
    </Screen>
  )
}

export default observer(NewReportPage)
