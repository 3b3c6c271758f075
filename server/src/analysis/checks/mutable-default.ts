// PLACEHOLDER: owned by a helper; replaced by the real check.
import type { Check } from '../check';

export const mutableDefaultCheck: Check = {
  id: 'mutable-default',
  rules: [
    { code: 'MEM701', name: 'mutable-default', category: 'mutable-default-retention', severity: 'information', summary: 'A mutable default argument is created once and shared by every call.' },
    { code: 'MEM702', name: 'mutated-mutable-default', category: 'mutable-default-retention', severity: 'warning', summary: 'A function mutates its mutable default argument, so it accumulates across calls.' },
  ],
  nodeTypes: [],
  run: () => [],
};
