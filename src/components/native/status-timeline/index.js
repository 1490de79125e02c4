/**
 * status-timeline — hand-written native WeChat custom component (ES5, not compiled from TS).
 *
 * Properties
 *   events: Array<{ id, title, time, actor, note, tone, photos, current }>
 *     Rendered in the order given (newest first is the caller's job; never reordered here).
 *     tone: 'waiting' | 'working' | 'done' | 'stopped' | 'reopened'
 *   elder: Boolean — larger text for elder mode.
 *
 * Events
 *   eventtap  detail { id }       — an item was tapped.
 *   phototap  detail { id, url }  — a photo thumbnail was tapped (catchtap: does NOT also fire eventtap).
 */
Component({
  options: {
    styleIsolation: 'isolated'
  },

  properties: {
    events: {
      type: Array,
      value: []
    },
    elder: {
      type: Boolean,
      value: false
    }
  },

  methods: {
    onItemTap: function (e) {
      var dataset = (e && e.currentTarget && e.currentTarget.dataset) || {}
      this.triggerEvent('eventtap', { id: dataset.id })
    },

    onPhotoTap: function (e) {
      var dataset = (e && e.currentTarget && e.currentTarget.dataset) || {}
      this.triggerEvent('phototap', { id: dataset.id, url: dataset.url })
    }
  }
})
