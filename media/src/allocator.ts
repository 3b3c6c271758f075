// Where CPython's allocator puts each object of a snapshot: a pymalloc block of a 16-byte size class for requests
// of at most 512 bytes, the system allocator (malloc) beyond. Pure functions of the snapshot, shared by the
// object details and the allocator summary view.
//
// CPython facts used (64-bit builds, 3.8+):
// - Objects/obmalloc.c (3.8-3.12), Include/internal/pycore_obmalloc.h (3.12+): ALIGNMENT 16 when
//   SIZEOF_VOID_P > 4 (bpo-27987, 3.8), SMALL_REQUEST_THRESHOLD 512, size class index = (nbytes - 1) >> 4,
//   so blocks are 16, 32, ..., 512 bytes; a request above 512 goes to PyMem_RawMalloc (malloc).
// - Pools: POOL_BITS 12 (4 KiB) and ARENA_BITS 18 (256 KiB) up to 3.9; 3.10 added the radix tree
//   (WITH_PYMALLOC_RADIX_TREE, on by default) and with it USE_LARGE_POOLS / USE_LARGE_ARENAS: 16 KiB pools in
//   1 MiB arenas. Each pool starts with a `struct pool_header` of 48 bytes (POOL_OVERHEAD, rounded to ALIGNMENT)
//   and holds blocks of one size class only.
// - What is one request: the object's struct *including* the GC header (gc_alloc / _PyObject_GC_New allocate
//   `presize + basicsize`, presize = sizeof(PyGC_Head) = 16 since 3.8, plus 16 bytes of managed-dict/weakref
//   pre-header for instances on 3.11+: _PyType_PreHeaderSize). That is exactly what sys.getsizeof adds to
//   __sizeof__ (Python/sysmodule.c _PySys_GetSizeOf: `+ sizeof(PyGC_Head)` for GC objects up to 3.11,
//   `+ _PyType_PreHeaderSize(type)` from 3.12), so for single-block objects the request is getsizeof itself.
//   Containers keep their variable part in a second block that getsizeof also counts: list's item array
//   (Objects/listobject.c list_resize: PyMem_Realloc), dict's keys table (Objects/dictobject.c new_keys_object),
//   set's table once it outgrows the 8-entry smalltable (Objects/setobject.c set_table_resize: PyMem_NEW),
//   bytearray's buffer (Objects/bytearrayobject.c PyByteArray_Resize). PyMem_Malloc uses pymalloc too (3.6+).
import type { HeapObject } from './snapshot-types';

export const SMALL_REQUEST_THRESHOLD = 512;
export const ALIGNMENT = 16;
export const POOL_OVERHEAD = 48;

export interface AllocatorGeometry {
  poolBytes: number;
  arenaBytes: number;
}

function minorVersion(python: string): number {
  const m = /^3\.(\d+)/.exec(python);
  return m ? Number(m[1]) : 12;
}

export function allocatorGeometry(python: string): AllocatorGeometry {
  return minorVersion(python) >= 10 ? { poolBytes: 16 * 1024, arenaBytes: 1024 * 1024 } : { poolBytes: 4 * 1024, arenaBytes: 256 * 1024 };
}

function gcHeaderBytes(python: string): number {
  return minorVersion(python) >= 8 ? 16 : 32;
}

/** The pymalloc block size serving a request, or null when malloc serves it. */
export function sizeClassOf(requestBytes: number): number | null {
  if (requestBytes < 1 || requestBytes > SMALL_REQUEST_THRESHOLD) return null;
  return (((requestBytes - 1) >> 4) + 1) * ALIGNMENT;
}

export function blocksPerPool(sizeClass: number, python: string): number {
  return Math.floor((allocatorGeometry(python).poolBytes - POOL_OVERHEAD) / sizeClass);
}

export interface AllocationRequest {
  /** What the block holds: `object` (the struct with its GC header) or the container's separate buffer. */
  what: string;
  bytes: number;
  /** Block size when pymalloc serves it; null: the system allocator. */
  sizeClass: number | null;
  /** How many identical requests (summarised elements stand for many). */
  count: number;
}

/** Fixed struct sizes (with the GC header) of the containers whose variable part is a separate block. */
function separateBufferSplit(type: string, python: string): { struct: number; buffer: string } | null {
  const gc = gcHeaderBytes(python);
  switch (type) {
    case 'list':
      return { struct: 40 + gc, buffer: 'item array' };
    case 'dict':
      return { struct: 48 + gc, buffer: 'keys table' };
    case 'set':
    case 'frozenset':
      return { struct: 200 + gc, buffer: 'hash table' };
    case 'bytearray':
      return { struct: 56, buffer: 'buffer' };
    default:
      return null;
  }
}

/** The allocator requests that built this object (empty for interpreter-wide singletons and unknown sizes). */
export function allocationRequests(o: HeapObject, python: string): AllocationRequest[] {
  if (o.flags.includes('cached-singleton')) return [];
  const out: AllocationRequest[] = [];
  if (o.shallow !== null) {
    const split = separateBufferSplit(o.type, python);
    if (split && o.shallow > split.struct) {
      out.push({ what: 'object', bytes: split.struct, sizeClass: sizeClassOf(split.struct), count: 1 });
      const rest = o.shallow - split.struct;
      out.push({ what: split.buffer, bytes: rest, sizeClass: sizeClassOf(rest), count: 1 });
    } else {
      out.push({ what: 'object', bytes: o.shallow, sizeClass: sizeClassOf(o.shallow), count: 1 });
    }
  }
  // A summary stands for elements that are not objects of their own in the snapshot: count them as requests of
  // their average size (exact when they are all alike, as in list(range(n)): ints of one size).
  if (o.summary && o.summary.count > o.summary.shown) {
    const hidden = o.summary.count - o.summary.shown;
    const elementBytes = Math.round((o.summary.bytes - (o.shallow ?? 0)) / o.summary.count);
    if (elementBytes > 0) out.push({ what: 'summarised elements', bytes: elementBytes, sizeClass: sizeClassOf(elementBytes), count: hidden });
  }
  return out;
}

/**
 * Pools an arena holds: ARENA_SIZE / POOL_SIZE = 64, one fewer when the arena's address is not pool-aligned
 * (Objects/obmalloc.c new_arena: `excess = address & POOL_SIZE_MASK; if (excess != 0) --nfreepools`). mmap gives
 * page-aligned (4 KiB) memory: 4 KiB pools always fit, 16 KiB pools lose one (sys._debugmallocstats on 3.11
 * reports "bytes lost to arena alignment" = 16384 per arena).
 */
export function usablePoolsPerArena(g: AllocatorGeometry): number {
  return g.arenaBytes / g.poolBytes - (g.poolBytes > 4096 ? 1 : 0);
}

export interface SizeClassRow {
  sizeClass: number;
  blocks: number;
  blocksPerPool: number;
  /** Pools this many blocks fill at least (each pool serves one size class). */
  pools: number;
  bytes: number;
}

export interface AllocatorSummary {
  geometry: AllocatorGeometry;
  rows: SizeClassRow[];
  pymallocBlocks: number;
  pools: number;
  /** Arenas the pools fill at least (usablePoolsPerArena each). */
  arenas: number;
  systemRequests: number;
  systemBytes: number;
  singletons: number;
  unknown: number;
}

export function summarizeAllocator(objects: HeapObject[], python: string): AllocatorSummary {
  const geometry = allocatorGeometry(python);
  const byClass = new Map<number, number>();
  let systemRequests = 0;
  let systemBytes = 0;
  let singletons = 0;
  let unknown = 0;
  for (const o of objects) {
    if (o.flags.includes('freed')) continue;
    if (o.flags.includes('cached-singleton')) singletons += o.summary ? o.summary.count : 1;
    else if (o.shallow === null && !o.summary) unknown++;
    for (const r of allocationRequests(o, python)) {
      if (r.sizeClass === null) {
        systemRequests += r.count;
        systemBytes += r.bytes * r.count;
      } else byClass.set(r.sizeClass, (byClass.get(r.sizeClass) ?? 0) + r.count);
    }
  }
  const rows: SizeClassRow[] = [...byClass.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([sizeClass, blocks]) => {
      const perPool = blocksPerPool(sizeClass, python);
      return { sizeClass, blocks, blocksPerPool: perPool, pools: Math.ceil(blocks / perPool), bytes: blocks * sizeClass };
    });
  const pools = rows.reduce((n, r) => n + r.pools, 0);
  const poolsPerArena = usablePoolsPerArena(geometry);
  return {
    geometry,
    rows,
    pymallocBlocks: rows.reduce((n, r) => n + r.blocks, 0),
    pools,
    arenas: Math.ceil(pools / poolsPerArena),
    systemRequests,
    systemBytes,
    singletons,
    unknown,
  };
}
