// Messages shown to the user (window/showMessage) once each: an invalid setting or a binary document is reported
// when it is first seen, not on every keystroke or every re-analysis.
export class Notices {
  private readonly shown = new Set<string>();

  constructor(private readonly show: (message: string) => void) {}

  /** Shows the message unless it was shown since the last reset. */
  once(message: string): void {
    if (this.shown.has(message)) return;
    this.shown.add(message);
    this.show(message);
  }

  /** Forget what was shown, so problems that persist after a configuration change are reported again. */
  reset(): void {
    this.shown.clear();
  }
}
