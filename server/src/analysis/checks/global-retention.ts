// PLACEHOLDER: owned by a helper; replaced by the real check.
import type { Check } from '../check';

export const globalRetentionCheck: Check = {
  id: 'global-retention',
  rules: [
    { code: 'MEM201', name: 'growing-module-container', category: 'global-retention', severity: 'warning', summary: 'A module-level container that functions add to and nothing ever removes from.' },
    { code: 'MEM202', name: 'global-accumulation', category: 'global-retention', severity: 'warning', summary: 'A function declares a name global and accumulates into it.' },
  ],
  nodeTypes: [],
  run: () => [],
};
