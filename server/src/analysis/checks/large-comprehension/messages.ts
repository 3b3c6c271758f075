// The words of MEM301/MEM302 findings: what the list costs (from the memory model when the size is static) and
// what a lazy iterator would keep instead.
import { formatBytes, formatCount } from '../../byte-size-text';
import { formatVersion, type PythonVersion } from '../../python-version';
import type { Consumer } from './consumer';
import type { StaticListSize } from './static-size';

const ELEMENT_NOUNS = { 'range-int': 'ints', float: 'floats', shared: 'references to one constant', unknown: 'items' } as const;
const ELEMENT_OBJECTS = { 'range-int': 'int objects', float: 'float objects', shared: '', unknown: '' } as const;

/** "a list of 10,000,000 ints: about 80 MB of pointers plus 320 MB of int objects on CPython 3.12" */
export function describeStaticList(size: StaticListSize, python: PythonVersion): string {
  const noun = size.length === 1 ? 'item' : ELEMENT_NOUNS[size.elementKind];
  let text = `a list of ${formatCount(size.length)} ${noun}: about ${formatBytes(size.listBytes)} of pointers`;
  if (size.elementBytes !== undefined && size.elementBytes > 0) text += ` plus ${formatBytes(size.elementBytes)} of ${ELEMENT_OBJECTS[size.elementKind]}`;
  else if (size.elementBytes === undefined) text += ' plus the items themselves';
  return `${text} on CPython ${formatVersion(python)}`;
}

/** Whether the consumer keeps every item itself, so the only waste is the temporary pointer array. */
export function keepsItems(consumer: Consumer): boolean {
  return consumer.kind === 'collect' || consumer.kind === 'list-call';
}

/** MEM301: the full sentence for a list comprehension read once by `consumer`. */
export function listComprehensionMessage(consumer: Consumer, size: StaticListSize | undefined, python: PythonVersion, what = 'List comprehension'): string {
  const via = consumer.wrappedBy ? ` (through ${consumer.wrappedBy}())` : '';
  const head = `${what} consumed once by ${consumer.label}${via}`;
  const built = size ? `it builds ${describeStaticList(size, python)}` : undefined;
  switch (consumer.kind) {
    case 'reduce':
      return `${head}: ${built ?? 'every item is built and kept alive'} before ${consumer.label} reads the first one; a generator expression keeps one item at a time (a few hundred bytes).`;
    case 'short-circuit':
      return `${head}: ${built ?? 'every item is built and kept alive'} before ${consumer.label} looks at the first one; a generator expression keeps one item at a time and stops as soon as the answer is known.`;
    case 'membership':
      return `${head}: ${built ?? 'every item is built and kept alive'} before the search starts; a generator expression keeps one item at a time and stops at the first match.`;
    case 'count':
      return `${head}: ${built ?? 'every item is built and kept alive'} only to be counted; \`sum(1 for ...)\` counts without keeping any.`;
    case 'collect':
      return `${head}: ${consumer.label} copies the pointers and drops the list, so ${size ? `the temporary list (about ${formatBytes(size.listBytes)} on CPython ${formatVersion(python)})` : 'a temporary array of one pointer per item'} is pure overhead; a generator expression feeds ${consumer.label} directly.`;
    case 'list-call':
      return `${head}: the comprehension already builds a new list, and list() copies it into a second one${size ? ` (about ${formatBytes(size.listBytes)} each on CPython ${formatVersion(python)})` : ''}; use the comprehension itself.`;
    case 'dedupe':
      return `${head}: ${built ?? 'every item is built and kept alive'}, including the ${consumer.label === 'dict()' ? '(key, value) pairs dict() unpacks and drops' : `duplicates ${consumer.label} drops`}; a generator expression keeps one item at a time.`;
    case 'loop':
      return `${head}: ${built ?? 'the whole list is built and kept alive'} before the first iteration; a generator expression produces one item per iteration.`;
    case 'iterate':
      return `${head}: ${built ?? 'the whole list is built and kept alive'} before the outer comprehension reads the first item; a generator expression produces one item at a time.`;
  }
}
