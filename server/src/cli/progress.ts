// "Checked 312/734 files..." on stderr, rewritten in place, only when stderr is a terminal (piped or redirected
// output, CI logs and editors never get carriage returns) and only once a run has lasted half a second.
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const REDRAW_INTERVAL_MS = 100;
/** Runs shorter than this show no progress at all (it would only flicker). */
const FIRST_DRAW_AFTER_MS = 500;

export class Progress {
  private lastDraw = 0;
  private drawn = false;
  private readonly started: number;

  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const now = this.now();
    if (now - this.started < FIRST_DRAW_AFTER_MS) return;
    if (done < total && now - this.lastDraw < REDRAW_INTERVAL_MS) return;
    this.lastDraw = now;
    this.drawn = true;
    this.stream.write(`\rChecked ${done}/${total} files...`);
  }

  /** Erases the progress line so the summary starts on a clean line. */
  finish(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
