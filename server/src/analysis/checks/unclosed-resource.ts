// PLACEHOLDER: owned by a helper; replaced by the real check.
import type { Check } from '../check';

export const unclosedResourceCheck: Check = {
  id: 'unclosed-resource',
  rules: [
    { code: 'MEM501', name: 'resource-without-with', category: 'unclosed-resource', severity: 'warning', summary: 'A file, socket, process or connection opened without with and not closed on every path.' },
  ],
  nodeTypes: [],
  run: () => [],
};
