// How the simulator's control flow leaves a block: JavaScript exceptions that never escape `simulate`.
import type { Value } from './values';

export class ReturnSignal {
  constructor(readonly value: Value) {}
}
export class BreakSignal {}
export class ContinueSignal {}

/** A Python exception raised by the simulated code (`raise`, or a known failure such as a missing key). */
export class PyRaise {
  constructor(readonly exception: Value, readonly message: string) {}
}

/** The run used up its statement or time budget: the snapshot shows the heap as it was at that point. */
export class BudgetExceeded {
  constructor(readonly message: string) {}
}
