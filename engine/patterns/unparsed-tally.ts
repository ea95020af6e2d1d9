// Lines that count under UNPARSED_CANONICAL because the canonicalizer or the template layer could not
// take them: how many, and the first reason, as `logatlas index` and `logatlas analyze` report them.
export class UnparsedTally {
  count = 0;
  first: string | undefined;

  /** Notes the outcome of adding one event (`failure` as PatternTable.add returns it). */
  note(event: { seq: number }, failure: string | undefined): void {
    if (failure === undefined) return;
    this.count++;
    this.first ??= `event ${event.seq}: ${failure}`;
  }

  /** The summary fields: `unparsed`, and `firstFailure` when there was one. */
  summary(): { unparsed: number; firstFailure?: string } {
    return { unparsed: this.count, ...(this.first !== undefined ? { firstFailure: this.first } : {}) };
  }
}
