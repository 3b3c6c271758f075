// Object sizes (`sys.getsizeof`) for 64-bit CPython 3.8 to 3.14, one formula per type over one table of version
// facts (`version-facts.ts`). 3.8-3.13 are checked against test/ground-truth; 3.14 is derived from its source.
export { roundUp8, versionFacts, type VersionFacts } from './version-facts';
export {
  OBJECT_HEADER,
  VAR_HEADER,
  noneSize,
  intSize,
  intDigits,
  boolSize,
  floatSize,
  complexSize,
  bytesSize,
  strSize,
  strShape,
  strSizeOfShape,
  utf8Length,
  type StrShape,
} from './scalars';
export {
  tupleSize,
  listSize,
  listCapacity,
  listResize,
  listSizeForCapacity,
  appendGrowthCapacity,
  preallocCapacity,
  type ListConstruction,
} from './sequences';
export { dictSize, dictTableSize, dictUsable, dictKeysSize, dictObjectSize, splitDictSize } from './dict';
export { setSize, setTable, setTableIncremental, setTablePresized, type SetConstruction } from './set';
export {
  instanceCost,
  instanceDictSize,
  slottedInstanceSize,
  SharedKeys,
  type InstanceShape,
  type InstanceCost,
} from './instance';
export { fixedSize, classObjectSize, simpleGenexprSize } from './fixed';
export { arrayAppendCapacity, ARRAY_ITEM_SIZES } from './collections';
export { extendCapacity } from './sequences';
// Describing values to size: objects whose JavaScript identity is the Python identity, then sys.getsizeof of one
// (`shallowSize`) or the DESIGN.md deep size of everything reachable (`deepSize`); both say 'unknown' with a reason
// rather than guess.
export {
  shallowSize,
  instanceDictOf,
  isSmallInt,
  itemCount,
  pythonSubclassExtra,
  type PyObject,
  type Items,
  type IntRun,
  type RepeatRun,
  type ClassInfo,
  type DictObject,
  type InstanceObject,
  type InstanceDictObject,
} from './objects';
export { deepSize, type SizeResult } from './deep-size';
export { instanceMemory, valuesArraySize, inlineValuesSize, type InstanceMemory, type InstanceMemoryShape, type MemoryPart } from './instance-memory';
