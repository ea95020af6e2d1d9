import { BusEventWithPayload } from '@grafana/data';

/** Published on Grafana's app events after feedback is given or undone (by any caller: the app's actions,
 * the pattern map panel, the feedback list), so pages showing that watch re-read outliers, counts and the list. */
export class FeedbackChangedEvent extends BusEventWithPayload<{ watch: string }> {
  static type = 'logatlas-feedback-changed';
}
