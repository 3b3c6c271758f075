// Where the diagram says CPython's allocator puts each object (media/src/allocator.ts): pymalloc size classes of
// 16 bytes up to 512, the system allocator beyond, separate item blocks for containers, pools and arenas per
// version. Plain functions: runs in Node, no browser.
import { strict as assert } from 'node:assert';
import { allocationRequests, allocatorGeometry, blocksPerPool, sizeClassOf, summarizeAllocator } from '../../media/src/allocator';
import type { HeapObject } from '../../server/src/model/heap/snapshot';
import { snapshotInput } from './snapshot-inputs';

const obj = (o: Partial<HeapObject> & Pick<HeapObject, 'id' | 'type' | 'shallow'>): HeapObject => ({ refcount: 1, references: [], flags: [], ...o });

describe('webview: allocator model of the heap diagram', () => {
  it('rounds requests up to 16-byte size classes up to 512 bytes, and leaves larger ones to malloc', () => {
    assert.equal(sizeClassOf(1), 16);
    assert.equal(sizeClassOf(16), 16);
    assert.equal(sizeClassOf(17), 32);
    assert.equal(sizeClassOf(28), 32);
    assert.equal(sizeClassOf(48), 48);
    assert.equal(sizeClassOf(512), 512);
    assert.equal(sizeClassOf(513), null);
  });

  it('uses 4 KiB pools in 256 KiB arenas up to 3.9, 16 KiB pools in 1 MiB arenas from 3.10', () => {
    assert.deepEqual(allocatorGeometry('3.9'), { poolBytes: 4096, arenaBytes: 262144 });
    assert.deepEqual(allocatorGeometry('3.10'), { poolBytes: 16384, arenaBytes: 1048576 });
    // (4096 - 48-byte pool header) / 64 = 63 blocks of 64 bytes.
    assert.equal(blocksPerPool(64, '3.8'), 63);
    assert.equal(blocksPerPool(64, '3.12'), 255);
  });

  it('splits a list into its object (with the GC header) and its item array; a str is one block', () => {
    assert.deepEqual(
      allocationRequests(obj({ id: 1, type: 'list', shallow: 88 }), '3.12').map((r) => [r.what, r.bytes, r.sizeClass]),
      [
        ['object', 56, 64],
        ['item array', 32, 32],
      ],
    );
    assert.deepEqual(allocationRequests(obj({ id: 1, type: 'list', shallow: 56 }), '3.12').map((r) => r.sizeClass), [64]);
    assert.deepEqual(allocationRequests(obj({ id: 2, type: 'dict', shallow: 184 }), '3.12').map((r) => [r.what, r.sizeClass]), [
      ['object', 64],
      ['keys table', 128],
    ]);
    assert.deepEqual(allocationRequests(obj({ id: 3, type: 'str', shallow: 47 }), '3.12').map((r) => r.sizeClass), [48]);
    assert.deepEqual(allocationRequests(obj({ id: 4, type: 'list', shallow: 8000056 }), '3.12').map((r) => r.sizeClass), [64, null]);
    assert.deepEqual(allocationRequests(obj({ id: 5, type: 'int', shallow: 28, flags: ['cached-singleton'] }), '3.12'), [], 'shared objects are not allocated by the code');
  });

  it('counts the summarised ints of list(range(1_000_000)) as 32-byte blocks', () => {
    const { snapshot } = snapshotInput('large-list');
    const s = summarizeAllocator((snapshot as { objects: HeapObject[] }).objects, '3.12');
    const row32 = s.rows.find((r) => r.sizeClass === 32)!;
    assert.ok(row32.blocks >= 999_000, `${row32.blocks} blocks of 32 bytes`);
    assert.equal(row32.pools, Math.ceil(row32.blocks / blocksPerPool(32, '3.12')));
    assert.equal(s.systemRequests, 1, 'the 8 MB item array comes from malloc');
    assert.equal(s.systemBytes, 8_000_000);
  });
});
