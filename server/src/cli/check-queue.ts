// The files of one check run as a queue shared by the main thread and the check workers: one counter in a
// SharedArrayBuffer, taken with an atomic add, so no thread ever waits for another to hand it work (asking the main
// thread for each file woke it once per file, which on two cores preempted a worker: ~0.1-0.2 s per worker over the
// stdlib). Each thread also records in its own slot the file it is checking, so a worker that dies can be blamed for
// exactly one file.
const NEXT = 0;
const NONE = -1;

export class CheckQueue {
  private readonly cells: Int32Array;

  /** `order`: task indexes in the order to hand them out; every thread must be given the same one. */
  constructor(
    readonly buffer: SharedArrayBuffer,
    private readonly order: readonly number[],
  ) {
    this.cells = new Int32Array(buffer);
  }

  /** The shared memory of a queue for `slots` threads, each slot initially checking nothing. */
  static allocate(slots: number): SharedArrayBuffer {
    const buffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT * (1 + slots));
    new Int32Array(buffer).fill(NONE, 1);
    return buffer;
  }

  /** The next task index, recorded as the one `slot` is checking; undefined once every task is taken. */
  take(slot: number): number | undefined {
    const position = Atomics.add(this.cells, NEXT, 1);
    if (position >= this.order.length) {
      this.release(slot);
      return undefined;
    }
    const index = this.order[position];
    Atomics.store(this.cells, 1 + slot, index);
    return index;
  }

  /** `slot` is checking nothing. */
  release(slot: number): void {
    Atomics.store(this.cells, 1 + slot, NONE);
  }

  /** The task index `slot` took last and has not released, if any (its outcome may or may not have been sent). */
  current(slot: number): number | undefined {
    const index = Atomics.load(this.cells, 1 + slot);
    return index === NONE ? undefined : index;
  }
}
