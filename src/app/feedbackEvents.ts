import { BusEventWithPayload } from '@grafana/data';

/** Published (bubbling) after feedback is given or undone: the page re-reads outliers, counts and the list. */
export class FeedbackChangedEvent extends BusEventWithPayload<{ watch: string }> {
  static type = 'logatlas-feedback-changed';
}
