// The fixed Python program that runs a measurement: `python -I bootstrap.py SNIPPET.json`. It never receives code
// on its command line: the snippet (a SnippetProgram, see snippet-program.ts) is read from the JSON file named by
// argv[1]. Protocol: JSON lines on the real stdout (the snippet's own prints are redirected to stderr first):
//   {"event": "start", "python": "3.12.1", "implementation": "cpython", ...}   as soon as the interpreter is up
//   {"event": "result", ...}                                                  at the end (see MeasureOutput)
// Runs on CPython 3.6+ (no walrus, no f-strings). The deep-size block between the markers is a verbatim copy of
// scripts/measure-cpython.py (the DESIGN.md definition the model's ground truth uses); a unit test keeps it equal.
export const BOOTSTRAP_PY = String.raw`"""MemLens measurement bootstrap: runs one snippet and reports its sizes as JSON (see bootstrap-source.ts)."""
import ast
import collections
import json
import os
import sys
import types

# --- deep size: copied from scripts/measure-cpython.py ---
LEAF_TYPES = (int, float, complex, str, bytes, bytearray, range, slice, memoryview, bool, type(None),
              type(Ellipsis), type(NotImplemented))
OPAQUE_TYPES = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.CodeType,
                types.MethodType, types.LambdaType)
CONTAINERS = (list, tuple, set, frozenset, dict, collections.deque)


def round8(n):
    return (n + 7) // 8 * 8


def slot_names(cls):
    names = []
    for klass in type.mro(cls):
        slots = klass.__dict__.get('__slots__')
        if slots is None:
            continue
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name in ('__dict__', '__weakref__'):
                continue
            if name.startswith('__') and not name.endswith('__'):
                name = '_' + klass.__name__.lstrip('_') + name
            names.append(name)
    return names


def referents(obj):
    """The objects deep size enters from obj (see the module docstring)."""
    if isinstance(obj, LEAF_TYPES) or isinstance(obj, OPAQUE_TYPES):
        return []
    out = []
    is_container = isinstance(obj, CONTAINERS)
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.append(k)
            out.append(v)
    elif is_container:
        out.extend(obj)
    cls = type(obj)
    if cls.__module__ == 'builtins' and is_container:
        return out
    for name in slot_names(cls):
        try:
            out.append(object.__getattribute__(obj, name))
        except AttributeError:
            pass
    try:
        d = object.__getattribute__(obj, '__dict__')
    except AttributeError:
        d = None
    if isinstance(d, dict) and (d or not is_container):
        out.append(d)
    return out


def deep_size(root):
    seen = set()
    total = 0
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if obj is not root and isinstance(obj, OPAQUE_TYPES):
            continue  # a type, module, function or code object counts only as the value itself
        total += round8(sys.getsizeof(obj))
        if obj is root or not isinstance(obj, OPAQUE_TYPES):
            stack.extend(referents(obj))
    return total
# --- end of the copy ---


def virtual_size():
    """The process's virtual size in bytes (Linux /proc), or None where it cannot be read."""
    try:
        with open('/proc/self/status') as f:
            for line in f:
                if line.startswith('VmSize:'):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def limit_memory(limit_bytes):
    """RLIMIT_AS counts virtual memory, and a bare interpreter already maps tens of MB (shared libraries, arenas,
    thread stacks): the limit is what the snippet may add on top of what this process maps now."""
    base = virtual_size()
    try:
        import resource
    except ImportError:
        return {'enforced': False, 'reason': 'no resource module on this platform'}
    if base is None:
        return {'enforced': False, 'reason': 'cannot read the virtual size (/proc/self/status)'}
    cap = base + limit_bytes
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY and hard < cap:
            cap = hard
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError) as e:
        return {'enforced': False, 'reason': 'setrlimit failed: %s' % e}
    return {'enforced': True, 'baseVirtualBytes': base, 'limitBytes': cap}


def compile_step(step, filename):
    """Compiles one step so that its line numbers are the user's file lines (tracebacks then point there)."""
    tree = ast.parse(step['source'], filename, step['mode'])
    ast.increment_lineno(tree, step['line'])
    return compile(tree, filename, step['mode'], dont_inherit=True)


def user_line(tb, filename):
    """The innermost traceback line that is in the user's file (1-based), or None."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def describe_error(e, filename, kind):
    import traceback
    # Only the user's frames: the bootstrap's own are noise.
    frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == filename]
    text = ''.join(['Traceback (most recent call last):\n'] + traceback.format_list(frames) +
                   traceback.format_exception_only(type(e), e))
    line = user_line(e.__traceback__, filename)
    if isinstance(e, SyntaxError) and e.filename == filename:
        line = e.lineno
    return {'kind': kind, 'type': type(e).__name__, 'message': str(e)[:2000], 'line': line, 'traceback': text[-4000:]}


def sized(value):
    return {'type': type(value).__name__, 'shallow': sys.getsizeof(value), 'deep': deep_size(value)}


def run(program, result):
    filename = program['filename']
    steps = program['steps']
    try:
        codes = []
        for step in steps:
            codes.append(compile_step(step, filename))
    except SyntaxError as e:
        # ast.parse reports lines of the step's own source: move them to the user's file.
        step = steps[len(codes)]
        if e.lineno is not None:
            e.lineno += step['line']
        e.filename = filename
        result['error'] = describe_error(e, filename, 'syntax')
        return
    module = types.ModuleType('__main__')
    module.__file__ = filename
    sys.modules['__main__'] = module
    namespace = module.__dict__
    directory = os.path.dirname(filename)
    if directory:
        sys.path.insert(0, directory)  # as running the file itself would: its siblings are importable
    import tracemalloc
    value = None
    tracemalloc.start()
    try:
        for step, code in zip(steps, codes):
            if step['mode'] == 'eval':
                value = eval(code, namespace)
            else:
                exec(code, namespace)
        current, peak = tracemalloc.get_traced_memory()
    except MemoryError as e:
        tracemalloc.stop()
        result['error'] = describe_error(e, filename, 'memory')
        return
    except BaseException as e:  # SystemExit and KeyboardInterrupt from the snippet are its errors too
        tracemalloc.stop()
        result['error'] = describe_error(e, filename, 'raised')
        return
    tracemalloc.stop()
    result['tracemalloc'] = {'current': current, 'peak': peak}
    if program.get('hasValue'):
        result['value'] = sized(value)
    names = []
    for name in program.get('names', []):
        if name in namespace:
            names.append(dict(sized(namespace[name]), name=name))
        else:
            names.append({'name': name, 'error': 'not defined'})
    result['names'] = names


def main():
    out = os.fdopen(os.dup(1), 'w')
    os.dup2(2, 1)  # from here on, fd 1 (and sys.stdout) is stderr: the snippet's prints cannot reach the result
    out.write(json.dumps({'event': 'start', 'python': sys.version.split()[0],
                          'implementation': sys.implementation.name}) + '\n')
    out.flush()
    with open(sys.argv[1]) as f:
        program = json.load(f)
    result = {'event': 'result', 'memoryLimit': limit_memory(program['memoryLimitBytes'])}
    try:
        run(program, result)
    except MemoryError as e:
        result.pop('value', None)
        result['error'] = describe_error(e, program['filename'], 'memory')
        result['error']['message'] = 'while sizing the value (the deep-size walk needs memory too)'
    out.write(json.dumps(result) + '\n')
    out.flush()
    # Skip the snippet's atexit handlers and finalisers: the measurement is done.
    os._exit(0)


main()
`;

/** The deep-size block of BOOTSTRAP_PY (for the test that keeps it equal to scripts/measure-cpython.py). */
export function bootstrapDeepSizeBlock(): string {
  const start = BOOTSTRAP_PY.indexOf('# --- deep size: copied from scripts/measure-cpython.py ---\n');
  const end = BOOTSTRAP_PY.indexOf('# --- end of the copy ---');
  return BOOTSTRAP_PY.slice(BOOTSTRAP_PY.indexOf('\n', start) + 1, end);
}
