// array.array and collections.deque buffers: `Modules/arraymodule.c`, `Modules/_collectionsmodule.c`.

/** `Modules/arraymodule.c` `array_resize` for one appended item: keep the buffer while it fits, else grow to
 *  newsize + newsize/16 + (3 if the array had fewer than 8 items, else 7). */
export function arrayAppendCapacity(allocated: number, size: number): number {
  const newsize = size + 1;
  if (allocated >= newsize) return allocated;
  return (newsize >> 4) + (size < 8 ? 3 : 7) + newsize;
}

/** Item sizes of the array typecodes on 64-bit Linux (`Modules/arraymodule.c` `descriptors`). */
export const ARRAY_ITEM_SIZES: Readonly<Record<string, number>> = { b: 1, B: 1, h: 2, H: 2, i: 4, I: 4, l: 8, L: 8, q: 8, Q: 8, f: 4, d: 8 };
