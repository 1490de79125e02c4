// Unit tests build a RootStore without loading any page: register every subpackage's stores
// (src/stores/features.ts), as loading each subpackage's first page does in the app.
import '../../src/admin/stores'
import '../../src/booking/stores'
import '../../src/consult/stores'
import '../../src/staff/stores'
