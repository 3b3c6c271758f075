// Calls that acquire an operating-system resource (a file descriptor, a socket, a child process, a database
// handle, a temporary file or directory on disk) released only by close()/__exit__ or, for CPython, when the
// last reference goes away. Matched by qualified name through the module's imports.
import type { SyntaxNode } from '../../../parse/python-parser';
import type { ModuleImports } from '../../module-imports';

/** What the message calls the resource. */
export type ResourceKind = 'file' | 'socket' | 'process' | 'connection' | 'temporary file' | 'temporary directory' | 'archive' | 'database';

/** Functions and classes whose result owns a file descriptor: also what MEM303 treats as a file object. */
const FILE_OPENERS: ReadonlyMap<string, ResourceKind> = new Map([
  ['open', 'file'],
  ['io.open', 'file'],
  ['io.open_code', 'file'],
  ['io.FileIO', 'file'],
  ['codecs.open', 'file'],
  ['gzip.open', 'file'],
  ['gzip.GzipFile', 'file'],
  ['bz2.open', 'file'],
  ['bz2.BZ2File', 'file'],
  ['lzma.open', 'file'],
  ['lzma.LZMAFile', 'file'],
  ['tokenize.open', 'file'],
  ['os.fdopen', 'file'],
  ['fileinput.input', 'file'],
  ['fileinput.FileInput', 'file'],
  ['wave.open', 'file'],
]);

const OTHER_RESOURCES: ReadonlyMap<string, ResourceKind> = new Map([
  ['socket.socket', 'socket'],
  ['socket.create_connection', 'socket'],
  ['socket.create_server', 'socket'],
  ['socket.socketpair', 'socket'],
  ['socket.fromfd', 'socket'],
  ['tempfile.TemporaryFile', 'temporary file'],
  ['tempfile.NamedTemporaryFile', 'temporary file'],
  ['tempfile.SpooledTemporaryFile', 'temporary file'],
  ['tempfile.TemporaryDirectory', 'temporary directory'],
  ['subprocess.Popen', 'process'],
  ['sqlite3.connect', 'database'],
  ['dbm.open', 'database'],
  ['dbm.gnu.open', 'database'],
  ['dbm.ndbm.open', 'database'],
  ['dbm.dumb.open', 'database'],
  ['dbm.sqlite3.open', 'database'],
  ['shelve.open', 'database'],
  ['zipfile.ZipFile', 'archive'],
  ['zipfile.PyZipFile', 'archive'],
  ['tarfile.open', 'archive'],
  ['tarfile.TarFile', 'archive'],
  ['tarfile.TarFile.open', 'archive'],
  ['tarfile.TarFile.taropen', 'archive'],
  ['urllib.request.urlopen', 'connection'],
  ['http.client.HTTPConnection', 'connection'],
  ['http.client.HTTPSConnection', 'connection'],
  ['ftplib.FTP', 'connection'],
  ['smtplib.SMTP', 'connection'],
  ['smtplib.SMTP_SSL', 'connection'],
  ['multiprocessing.Pool', 'process'],
]);

/** Classes whose `.open(...)` method opens a file or a member: `Path(p).open()`, `ZipFile(z).open(name)`. */
const OPEN_METHOD_OWNERS: ReadonlySet<string> = new Set(['pathlib.Path', 'pathlib.PosixPath', 'pathlib.WindowsPath', 'pathlib.PurePath', 'zipfile.ZipFile', 'zipfile.PyZipFile', 'tarfile.TarFile']);

/** Every name a resource call's text can start with (`open`, `NamedTemporaryFile`, `Path`...): a cheap first filter. */
export const RESOURCE_LEADING_NAMES: ReadonlySet<string> = new Set(
  [...FILE_OPENERS.keys(), ...OTHER_RESOURCES.keys(), ...OPEN_METHOD_OWNERS].flatMap((q) => q.split('.')).filter((n) => /^[A-Za-z_]/.test(n)),
);

/** Qualified names of every resource constructor and owner class, for matching `from x import y as z` aliases. */
export function isResourceQualifiedName(qualified: string): boolean {
  return FILE_OPENERS.has(qualified) || OTHER_RESOURCES.has(qualified) || OPEN_METHOD_OWNERS.has(qualified);
}

/** `Modules/_sqlite/connection.c` `pysqlite_connection_exit`: commits or rolls back, never closes. */
const EXIT_DOES_NOT_CLOSE: ReadonlySet<string> = new Set(['sqlite3.connect']);

export interface ResourceCall {
  kind: ResourceKind;
  /** False when `with` on the object does not close it (a sqlite3 connection only ends its transaction). */
  exitCloses: boolean;
  /** How the source spells the callee, for the message: `open`, `tempfile.NamedTemporaryFile`. */
  callee: string;
}

/** Finds the call a local name was bound to (`p = Path(x)` for `p.open()`), when there is exactly one. */
export type LocalResolver = (name: SyntaxNode) => SyntaxNode | undefined;

/** The resource a call acquires, when it is one of the known constructors. */
export function resourceCall(call: SyntaxNode, imports: ModuleImports, resolveLocal?: LocalResolver): ResourceCall | undefined {
  const fn = call.childForFieldName('function');
  if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) return undefined;
  const qualified = imports.qualifiedName(fn);
  if (qualified) {
    const kind = FILE_OPENERS.get(qualified) ?? OTHER_RESOURCES.get(qualified);
    if (kind) return { kind, callee: fn.text, exitCloses: !EXIT_DOES_NOT_CLOSE.has(qualified) };
  }
  // `<known owner>(...).open(...)`: Path("x").open(), zipfile.ZipFile(z).open("member").
  if (fn.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'open') {
    let owner = fn.childForFieldName('object');
    if (owner?.type === 'identifier' && resolveLocal) owner = resolveLocal(owner) ?? null;
    if (owner?.type === 'call') {
      const ownerName = imports.qualifiedName(owner.childForFieldName('function'));
      if (ownerName && OPEN_METHOD_OWNERS.has(ownerName)) return { kind: ownerName.startsWith('pathlib') ? 'file' : 'archive', callee: fn.text, exitCloses: true };
    }
  }
  return undefined;
}

/** True for calls that return a file object (iterating it yields lines). */
export function isFileOpener(call: SyntaxNode, imports: ModuleImports): boolean {
  const fn = call.childForFieldName('function');
  const qualified = imports.qualifiedName(fn);
  if (qualified && FILE_OPENERS.has(qualified)) return true;
  const found = resourceCall(call, imports);
  return found !== undefined && found.kind === 'file';
}

/**
 * Objects whose constructor acquires nothing but whose method does: `lock.acquire()` must be paired with
 * `release()`, `manager.start()` (a server process) with `shutdown()`. Both are context managers.
 */
interface AcquiringMethod {
  method: string;
  release: string;
  what: string;
}

const LOCK: AcquiringMethod = { method: 'acquire', release: 'release', what: 'lock' };
const MANAGER: AcquiringMethod = { method: 'start', release: 'shutdown', what: 'manager process' };

const ACQUIRING_METHODS: ReadonlyMap<string, AcquiringMethod> = new Map<string, AcquiringMethod>([
  ['threading.Lock', LOCK],
  ['threading.RLock', LOCK],
  ['threading.Semaphore', LOCK],
  ['threading.BoundedSemaphore', LOCK],
  ['threading.Condition', LOCK],
  ['multiprocessing.Lock', LOCK],
  ['multiprocessing.RLock', LOCK],
  ['multiprocessing.Semaphore', LOCK],
  ['multiprocessing.BoundedSemaphore', LOCK],
  ['multiprocessing.managers.BaseManager', MANAGER],
  ['multiprocessing.managers.SyncManager', MANAGER],
  ['multiprocessing.managers.SharedMemoryManager', MANAGER],
]);

export const ACQUIRING_METHOD_NAMES: ReadonlySet<string> = new Set(['acquire', 'start']);

export interface Acquisition {
  /** The object acquired (`lock` in `lock.acquire()`). */
  holder: SyntaxNode;
  release: string;
  what: string;
}

/** `lock.acquire()` / `manager.start()` on a local bound to one of the acquiring types. */
export function acquisitionCall(call: SyntaxNode, imports: ModuleImports, resolveLocal: LocalResolver): Acquisition | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text;
  const holder = fn.childForFieldName('object');
  if (!method || holder?.type !== 'identifier') return undefined;
  const constructor = resolveLocal(holder);
  if (!constructor) return undefined;
  const entry = ACQUIRING_METHODS.get(imports.qualifiedName(constructor.childForFieldName('function')) ?? '');
  if (!entry || entry.method !== method) return undefined;
  return { holder, release: entry.release, what: entry.what };
}
