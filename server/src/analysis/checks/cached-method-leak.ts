// PLACEHOLDER: owned by a helper; replaced by the real check.
import type { Check } from '../check';

export const cachedMethodLeakCheck: Check = {
  id: 'cached-method-leak',
  rules: [
    { code: 'MEM601', name: 'cache-on-method', category: 'cached-method-leak', severity: 'warning', summary: 'functools.lru_cache or cache on an instance method keeps every self alive.' },
  ],
  nodeTypes: [],
  run: () => [],
};
