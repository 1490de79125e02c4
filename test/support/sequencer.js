// Jest runs the longest files first when it knows their times (its cache, after one run here); in a
// fresh clone (CI) it has none and goes by file size, which put the page check — four small files
// that each run for minutes — at the very end of the browser tests, on one worker at a time. The
// files known to be long go first, in jest's own order; everything else follows in jest's order.
const Sequencer = require('@jest/test-sequencer').default

const KNOWN_LONG = [
  /\/test\/e2e\/pages[^/]*\.test\.ts$/,
  /\/test\/e2e\/(go-live|consultation|booking)\.test\.ts$/,
  /\/server\/test\/(fuzz|booking-reminders|booking-race|two-processes|rate-limits|database)\.test\.ts$/,
  /\/test\/repositories\/sql-pglite\.test\.ts$/,
]

class KnownLongFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests)
    const long = (test) => KNOWN_LONG.some((pattern) => pattern.test(test.path))
    return [...sorted.filter(long), ...sorted.filter((test) => !long(test))]
  }
}

module.exports = KnownLongFirst
