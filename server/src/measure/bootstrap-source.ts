// The fixed Python program that runs a measurement: `python -I bootstrap.py SNIPPET.json`. It never receives code
// on its command line: the snippet (a SnippetProgram, see snippet-program.ts) is read from the JSON file named by
// argv[1]. Protocol: JSON lines on the real stdout (the snippet's own prints are redirected to stderr first):
//   {"event": "start", "python": "3.12.1", "implementation": "cpython", ...}   as soon as the interpreter is up
//   {"event": "result", ...}                                                  at the end (see MeasureOutput)
// Runs on CPython 3.6+ (no walrus, no f-strings). The deep size is scripts/deep_size.py, the one definition the
// model's ground truth (scripts/measure-cpython.py) uses, inserted at the marker: `python -I` puts no script folder
// on sys.path (3.11+), so the bootstrap cannot import it and carries it instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEEP_SIZE_MARKER = '# --- deep size: scripts/deep_size.py is inserted here ---\n';

/** scripts/deep_size.py: beside the bundle (the build copies it to dist/) or, from source, in the repository. */
function deepSizeSource(): string {
  const besideBundle = join(__dirname, 'deep_size.py');
  const path = existsSync(besideBundle) ? besideBundle : join(__dirname, '..', '..', '..', 'scripts', 'deep_size.py');
  return readFileSync(path, 'utf8');
}

let cached: string | undefined;

/** The bootstrap program with the deep-size definition in place. */
export function bootstrapSource(): string {
  cached ??= BOOTSTRAP_TEMPLATE.replace(DEEP_SIZE_MARKER, () => deepSizeSource() + '\n');
  return cached;
}

const BOOTSTRAP_TEMPLATE = String.raw`"""MemLens measurement bootstrap: runs one snippet and reports its sizes as JSON (see bootstrap-source.ts)."""
import ast
import collections
import json
import os
import sys
import types

# --- deep size: scripts/deep_size.py is inserted here ---


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
