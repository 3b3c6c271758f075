// Picks the transport from the command line as vscode-languageserver's createConnection() does (--stdio,
// --node-ipc, --socket=N, --pipe=NAME), but hands back reader and writer so the lifecycle gate can sit in front.
import { IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter, createServerPipeTransport, createServerSocketTransport, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';

export interface Transport {
  reader: MessageReader;
  writer: MessageWriter;
  /** stdout carries the protocol: nothing else may print to it. */
  stdio: boolean;
}

function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === name) return argv[i + 1];
    if (argv[i].startsWith(`${name}=`)) return argv[i].slice(name.length + 1);
  }
  return undefined;
}

export function transportFromArgs(argv: readonly string[]): Transport {
  if (argv.includes('--node-ipc')) return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process), stdio: false };
  const port = argValue(argv, '--socket');
  if (port !== undefined && Number.isInteger(Number(port))) {
    const [reader, writer] = createServerSocketTransport(Number(port));
    return { reader, writer, stdio: false };
  }
  const pipe = argValue(argv, '--pipe');
  if (pipe) {
    const [reader, writer] = createServerPipeTransport(pipe);
    return { reader, writer, stdio: false };
  }
  // --stdio, and the default: an editor that starts a server command without flags expects stdio.
  return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout), stdio: true };
}
