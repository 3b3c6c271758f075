// PLACEHOLDER: owned by a helper; replaced by the real checks.
import type { Check } from '../check';

export const referenceCycleChecks: readonly Check[] = [
  {
    id: 'reference-cycle',
    rules: [
      { code: 'MEM101', name: 'kept-exception', category: 'reference-cycle', severity: 'warning', summary: 'A caught exception outlives its except block, keeping its traceback and every frame in it alive.' },
      { code: 'MEM102', name: 'back-reference', category: 'reference-cycle', severity: 'information', summary: 'A parent and child refer to each other with strong references.' },
      { code: 'MEM103', name: 'self-referencing-callable', category: 'reference-cycle', severity: 'information', summary: 'A bound method, lambda or closure over self is stored on self.' },
      { code: 'MEM104', name: 'kept-frame', category: 'reference-cycle', severity: 'warning', summary: 'A frame object is stored in a variable or attribute.' },
    ],
    nodeTypes: [],
    run: () => [],
  },
];
