// The slice of ms-python.python's published API (@vscode/python-extension) that MemLens reads: the active
// environment's path, resolving it to a version, and the change event. Until a test sets a version there is no
// resolvable interpreter, so the other suites see `auto` fall back to pyproject.toml as without the extension.
const vscode = require('vscode');

exports.activate = function activate(context) {
  const changed = new vscode.EventEmitter();
  let version; // "3.11", or undefined: no interpreter
  const pathOf = () => (version ? `/opt/fake/python${version}/bin/python` : '/opt/fake/none');
  context.subscriptions.push(
    changed,
    vscode.commands.registerCommand('fakePython.setInterpreter', (v) => {
      version = v;
      changed.fire({ id: pathOf(), path: pathOf(), resource: undefined });
    }),
  );
  return {
    environments: {
      getActiveEnvironmentPath: () => ({ id: pathOf(), path: pathOf() }),
      resolveEnvironment: async () => {
        if (!version) return undefined;
        const [major, minor] = version.split('.').map(Number);
        return { id: pathOf(), path: pathOf(), version: { major, minor, micro: 0, release: { level: 'final', serial: 0 }, sysVersion: `${version}.0` } };
      },
      onDidChangeActiveEnvironmentPath: changed.event,
    },
  };
};
