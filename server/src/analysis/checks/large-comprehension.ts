// PLACEHOLDER: owned by a helper; replaced by the real check.
import type { Check } from '../check';

export const largeComprehensionCheck: Check = {
  id: 'large-comprehension',
  rules: [
    { code: 'MEM301', name: 'list-consumed-once', category: 'large-comprehension', severity: 'warning', summary: 'A list comprehension or list() built only to be consumed once by something that takes any iterable.' },
    { code: 'MEM302', name: 'range-list-iterated', category: 'large-comprehension', severity: 'warning', summary: 'list(range(N)) built only to be iterated.' },
    { code: 'MEM303', name: 'readlines-iterated', category: 'large-comprehension', severity: 'warning', summary: 'for line in f.readlines() reads the whole file into a list first.' },
  ],
  nodeTypes: [],
  run: () => [],
};
