import { observer } from 'mobx-react-lite'
import { replace, ROUTES, toast } from '../../navigation'
import { Screen } from '../../ui/screen'
import { T } from '../texts'
import { ReportForm } from './report-form'

function NewReportPage() {
  return (
    <Screen requireSignIn>
      <ReportForm
        notify={(message) => toast(message)}
        onDone={(outcome) => {
          if (outcome.status === 'sent') {
            toast(T.submitted, 'success')
            replace(ROUTES.reportDetail(outcome.reportId))
          } else if (outcome.status === 'queued') {
            toast(outcome.message)
            replace(ROUTES.tasks)
          }
        }}
      />
    </Screen>
  )
}

export default observer(NewReportPage)
