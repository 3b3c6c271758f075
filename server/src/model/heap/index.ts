// The heap simulator: runs Python snippets into HeapSnapshots (see snapshot.ts for the contract).
export type * from './snapshot';
export { simulate, simulateParsed, simulateModule, sizeCase, type SimulateOptions, type SimulationResult, type SizeCaseResult } from './simulate';
export { deepSize, type DeepSize } from './deep-size';
export { renderHeapText } from './render-text';
