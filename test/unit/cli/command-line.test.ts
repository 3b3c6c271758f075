import { strict as assert } from 'node:assert';
import { parseCommandLine, UsageError } from '../../../server/src/cli/command-line';

describe('cli: command line', () => {
  it('parses check with every option', () => {
    assert.deepEqual(parseCommandLine(['check', 'src', 'a.py', '--format', 'sarif', '--python', '3.10', '--select', 'MEM1,MEM3', '--select', 'unclosed-resource', '--ignore', 'MEM302', '--exclude', 'build/,*_pb2.py', '--exit-zero', '-o', 'out.sarif']), {
      kind: 'check',
      paths: ['src', 'a.py'],
      format: 'sarif',
      python: { major: 3, minor: 10 },
      select: ['MEM1', 'MEM3', 'unclosed-resource'],
      ignore: ['MEM302'],
      exclude: ['build/', '*_pb2.py'],
      exitZero: true,
      output: 'out.sarif',
    });
  });

  it('checks the working directory when no path is given', () => {
    const command = parseCommandLine(['check']);
    assert.ok(command.kind === 'check');
    assert.deepEqual(command.paths, ['.']);
    assert.equal(command.format, 'text');
  });

  it('knows --help, --version and rules', () => {
    assert.deepEqual(parseCommandLine(['--help']), { kind: 'help' });
    assert.deepEqual(parseCommandLine(['check', '-h']), { kind: 'help' });
    assert.deepEqual(parseCommandLine(['--version']), { kind: 'version' });
    assert.deepEqual(parseCommandLine(['rules']), { kind: 'rules' });
  });

  const usageErrors: [string[], RegExp][] = [
    [['check', '--frmat', 'json'], /Unknown option '--frmat'/],
    [['check', '--format', 'xml'], /--format must be one of text, json, sarif \(got 'xml'\)/],
    [['check', '--python', '2.7'], /--python must be a CPython version from 3\.8 to 3\.14/],
    [['check', '--python', '3.12.1'], /--python must be/],
    [['check', '--select', 'MEM999'], /--select: unknown rule selector 'MEM999'/],
    [['check', '--ignore', 'memory-leak'], /--ignore: unknown rule selector 'memory-leak'/],
    [['lint'], /unknown command 'lint'/],
    [[], /missing command/],
  ];
  for (const [argv, message] of usageErrors) {
    it(`rejects ${JSON.stringify(argv)}`, () => {
      assert.throws(() => parseCommandLine(argv), (error: unknown) => error instanceof UsageError && message.test(error.message));
    });
  }
});
