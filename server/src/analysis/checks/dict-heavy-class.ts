// PLACEHOLDER: owned by a helper; replaced by the real check.
import type { Check } from '../check';

export const dictHeavyClassCheck: Check = {
  id: 'dict-heavy-class',
  rules: [
    { code: 'MEM401', name: 'bulk-class-without-slots', category: 'dict-heavy-class', severity: 'information', summary: 'A class made in bulk whose instances each carry a __dict__.' },
    { code: 'MEM402', name: 'immutable-subclass-without-slots', category: 'dict-heavy-class', severity: 'information', summary: 'A subclass of str, tuple or a namedtuple without __slots__ gives every instance a __dict__.' },
  ],
  nodeTypes: [],
  run: () => [],
};
