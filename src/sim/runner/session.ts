// A terminal session on the simulated cluster: the engine behind both the headless runner
// (`npm run kubelab -- run SCRIPT`) and the in-browser terminal. It is a shell on the
// student's workstation with kubectl, plus `ssh NODE` into a node's shell and
// `kubectl exec -it POD -- sh` into a container's shell, each until `exit`.

import type { Cluster } from '../cluster.ts';
import { parseDuration } from '../clock.ts';
import type { Job, KubectlEnv, Output } from '../kubectl/types.ts';
import type { ContainerRef } from '../kubectl/commands/containers.ts';
import type { KubectlTool } from '../kubectl/tool.ts';
import type { KubeConfig } from '../kubectl/kubeconfig.ts';
import { runShell, type ExtraCommand } from '../runtime/shell/index.ts';
import { curl } from '../runtime/images.ts';
import { nodeMemoryKiB, nodeMountTable } from '../kubelet/mounts.ts';
import type { ProcessContext } from '../runtime/process.ts';
import { newDir, normalizePath, treeUsageKiB, Vfs } from '../runtime/vfs.ts';
import { splitScript, words, type ScriptCommand } from './script.ts';
import { trafficShellCommand } from './traffic-command.ts';

export interface SessionOptions {
  /** Files outside the session's own filesystem (the script's folder, the workspace). */
  readFile?: (path: string) => string | undefined;
  /**
   * A file the workstation's shell changed or created in the home directory, for the
   * workspace (the page's editor takes it; headless, nothing does and the change stays in
   * the session). See syncIn.
   */
  writeFile?: (path: string, text: string) => void;
  /** How long `logs -f` / `get -w` run before the session stops them (ms). Default 30 s. */
  streamLimitMs?: number;
  /**
   * kubectl (`KUBECTL` from kubectl/tool.ts). Without it the workstation has none: `kubectl`
   * is not found. The page installs it once its chunk has loaded, and runs nothing before.
   */
  kubectl?: KubectlTool;
  /**
   * The workstation's kubeconfig. Made from kubectl's chunk when first needed and kept here,
   * so sessions that share their options (the page's terminal and background lanes) share
   * one file, as two terminals on one machine do.
   */
  kubeconfig?: KubeConfig;
}

/** The workstation before kubectl is installed: the shell's own "not found". */
const NOT_INSTALLED: KubectlTool = {
  *run(_env, _argv, o) {
    o.err('sh: kubectl: not found\n');
    return 127;
  },
  read: () => ({ text: '', code: 127 }),
  *execIn(_env, _ref, _argv, o) {
    o.err('sh: kubectl: not found\n');
    return 127;
  },
  findContainer: () => 'sh: kubectl: not found',
  applets: {},
  hostCommands: {},
};

type Mode =
  | { kind: 'host' }
  | { kind: 'node'; node: string; fs: Vfs; cwd: string }
  | { kind: 'container'; ref: ContainerRef; cwd: string; instance?: string };

const DEFAULT_STREAM_LIMIT_MS = 30_000;

export class Session {
  readonly hostFs: Vfs;
  private modes: Mode[] = [{ kind: 'host' }];
  private vars = new Map<string, string>([
    ['HOME', '/root'],
    ['PATH', '/usr/local/bin:/usr/bin:/bin'],
  ]);
  /**
   * The workstation's kubeconfig, which comes with kubectl: its current context's namespace is
   * the default for kubectl ('default' until kubectl is installed).
   */
  get kubeconfig(): KubeConfig | undefined {
    const make = this.opts.kubectl?.KubeConfig;
    if (!this.opts.kubeconfig && make) this.opts.kubeconfig = new make();
    return this.opts.kubeconfig;
  }
  get namespace(): string {
    return this.kubeconfig?.namespace ?? 'default';
  }

  constructor(
    readonly cluster: Cluster,
    private readonly opts: SessionOptions = {},
  ) {
    this.hostFs = new Vfs(newDir(), () => cluster.clock.wallTime);
    this.hostFs.mkdir('/root', true);
    // The workstation's own disk, for df: what the home directory holds counts as used.
    const root = this.hostFs.root;
    this.hostFs.mountInfo = [{ source: '/dev/sda1', target: '/', sizeKiB: 61255492, usedKiB: () => 18233480 + treeUsageKiB(root) }];
    if (opts.kubectl) installTools(cluster, opts.kubectl);
  }

  private get tool(): KubectlTool {
    return this.opts.kubectl ?? NOT_INSTALLED;
  }

  get mode(): Mode {
    return this.modes[this.modes.length - 1]!;
  }

  /** The prompt a terminal shows before a command. */
  prompt(): string {
    const m = this.mode;
    if (m.kind === 'host') return '$ ';
    if (m.kind === 'node') return `root@${m.node}:${m.cwd === '/root' ? '~' : m.cwd}# `;
    return `${m.cwd} # `;
  }

  private readFile(path: string): string | undefined {
    const p = normalizePath(path, '/root');
    const local = this.hostFs.stat(p);
    const name = homeName(p);
    if (name === undefined) return local?.kind === 'file' ? local.content : this.opts.readFile?.(path);
    const shared = this.opts.readFile?.(name);
    // The workspace is the truth for its files, unless the shell changed the copy in the home
    // directory and nobody took the change (headless, where there is no editor to take it).
    if (shared !== undefined && !(local?.kind === 'file' && local.content !== this.agreed.get(name))) return shared;
    return local?.kind === 'file' ? local.content : shared;
  }

  /**
   * Workspace files as the shell in the home directory sees them: before a command, every
   * workspace file the line names is copied into /root if it changed since the two last
   * agreed (so `cat web.yaml`, `sed -i ... web.yaml` and `grep image *.yaml`-free lines see
   * the editor's text); after it, what the shell changed or created there is offered back
   * (writeFile). `agreed` is the text both sides last had.
   */
  private readonly agreed = new Map<string, string>();

  private syncIn(script: string): void {
    if (!this.opts.readFile) return;
    for (const token of new Set(script.split(/[\s|;&<>()$`'"=]+/))) {
      const name = homeName(normalizePath(token.replace(/^\.\//, ''), '/root'));
      if (!name || !/^[\w.-]+$/.test(name) || name.startsWith('-')) continue;
      const text = this.opts.readFile(name);
      if (text === undefined || this.agreed.get(name) === text) continue;
      this.hostFs.writeFile(`/root/${name}`, text);
      this.agreed.set(name, text);
    }
  }

  private syncOut(): void {
    for (const name of this.hostFs.list('/root')) {
      const node = this.hostFs.stat(`/root/${name}`);
      if (node?.kind !== 'file' || this.agreed.get(name) === node.content) continue;
      if (!this.opts.writeFile) continue;
      this.opts.writeFile(name, node.content);
      this.agreed.set(name, node.content);
    }
  }

  private kubectlEnv(stdin?: string, streamLimitMs?: number): KubectlEnv {
    const env: KubectlEnv = {
      cluster: this.cluster,
      readFile: (p) => this.readFile(p),
      namespace: this.namespace,
      ...(this.kubeconfig ? { kubeconfig: this.kubeconfig } : {}),
      streamLimitMs: streamLimitMs ?? this.opts.streamLimitMs ?? DEFAULT_STREAM_LIMIT_MS,
    };
    if (stdin !== undefined) env.stdin = stdin;
    return env;
  }

  /** Run one command (a line plus its heredoc). */
  *run(cmd: ScriptCommand, o: Output): Job {
    const m = this.mode;
    if (m.kind === 'node') return yield* this.runInNode(m, cmd, o);
    if (m.kind === 'container') return yield* this.runInContainer(m, cmd, o);
    return yield* this.runOnHost(cmd, o);
  }

  private *runOnHost(cmd: ScriptCommand, o: Output): Job {
    const parsed = words(cmd.line, (n) => this.vars.get(n));
    if (parsed.error) {
      o.err(`sh: syntax error: ${parsed.error}\n`);
      return 2;
    }
    let argv = parsed.argv;
    let streamLimit: number | undefined;
    if (argv[0] === 'timeout' && argv[1]) {
      streamLimit = parseDuration(argv[1]);
      argv = argv.slice(2);
    }
    const [first, ...rest] = argv;
    if (first === undefined) return 0;
    if ((first === 'kubectl' || first === 'k') && (cmd.heredoc !== undefined || !hasShellSyntax(cmd.line))) {
      return yield* this.tool.run(this.kubectlEnv(cmd.heredoc, streamLimit), rest, o);
    }
    if (hasShellSyntax(cmd.line) && cmd.heredoc === undefined) {
      // Pipes, $(...), ; and && on the workstation: a shell in which kubectl is a command.
      return yield* this.hostShell(cmd.line, o, streamLimit);
    }
    if (first === 'sleep' && rest.length === 1 && !parsed.pipe) {
      const ms = parseDuration(rest[0]!);
      if (ms === undefined) {
        o.err(`sleep: invalid number '${rest[0]}'\n`);
        return 1;
      }
      yield { type: 'sleep', ms };
      return 0;
    }
    if (first === 'ssh') return yield* this.ssh(rest, o);
    if (first === 'exit' || first === 'logout') return 0;
    if (first === 'clear') return 0;
    if (first === 'export' && !parsed.pipe) {
      for (const a of rest) {
        const eq = a.indexOf('=');
        if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
      }
      return 0;
    }
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first) && rest.length === 0) {
      const eq = first.indexOf('=');
      this.vars.set(first.slice(0, eq), first.slice(eq + 1));
      return 0;
    }
    if (first === 'alias') return 0;
    return yield* this.hostShell(cmd.heredoc !== undefined ? `${cmd.line}\n${cmd.heredoc}${heredocDelimiter(cmd.line)}\n` : cmd.line, o);
  }

  /**
   * `ssh [-opts] [user@]NODE [COMMAND...]`: without a command, a login shell on the node for
   * the next lines; with one, the command's words joined by spaces run in the node's shell, as
   * sshd hands them to `sh -c`, and the session stays on the workstation.
   */
  private *ssh(args: string[], o: Output): Job {
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (!a.startsWith('-')) break;
      // Options that take a value, as in ssh(1)'s synopsis.
      if (/^-[BbcDEeFIiJLlmOoPpQRSWw]$/.test(a)) i++;
    }
    const target = args[i];
    if (target === undefined) {
      o.err('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file] [-e escape_char]\n           [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]\n');
      return 255;
    }
    const node = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target;
    const machine = this.cluster.machines.get(node);
    if (!machine) {
      o.err(`ssh: Could not resolve hostname ${node}: Name or service not known\n`);
      return 255;
    }
    const fs = new Vfs(machine.root, () => this.cluster.clock.wallTime);
    fs.mountInfo = nodeMountTable(machine, nodeMemoryKiB(this.cluster, node));
    const mode: Extract<Mode, { kind: 'node' }> = { kind: 'node', node, fs, cwd: '/root' };
    const command = args.slice(i + 1).join(' ');
    if (command === '') {
      this.modes.push(mode);
      return 0;
    }
    return yield* this.runInNode(mode, { line: command, raw: [command], lineNo: 0 }, o, true);
  }

  private hostContext(o: Output): ProcessContext {
    return {
      fs: this.hostFs,
      env: new Map(this.vars),
      cwd: '/root',
      stdout: (t) => o.out(t),
      stderr: (t) => o.err(t),
      hostname: 'controlplane',
      wallTime: () => this.cluster.clock.wallTime,
      random: () => this.cluster.random.nextUint32(),
      net: this.cluster.network.viewFrom(undefined, this.namespace, '192.168.1.2'),
      listen: () => false,
    };
  }

  private *hostShell(script: string, out: Output, streamLimitMs?: number): Job {
    const o = withToolHints(out, this.tool.toolHints?.workstation);
    const kubectlBin = (argv: string[], ctx: ProcessContext): Job => this.tool.run(this.kubectlEnv(undefined, streamLimitMs), argv.slice(1), { out: (t) => ctx.stdout(t), err: (t) => ctx.stderr(t) });
    const extraCommands = new Map<string, (argv: string[], ctx: ProcessContext) => Job>([
      ['kubectl', kubectlBin],
      ['k', kubectlBin],
      ['curl', curl],
      ['traffic', trafficShellCommand(this.cluster, () => this.namespace)],
      ['ssh', (argv: string[], ctx: ProcessContext): Job => this.ssh(argv.slice(1), { out: (t) => ctx.stdout(t), err: (t) => ctx.stderr(t) })],
      ...Object.entries(this.tool.hostCommands),
    ]);
    this.syncIn(script);
    try {
      return yield* this.bounded(runShell(script, this.hostContext(o), { busyboxVersion: '1.36', extraCommands, applets: this.cluster.applets }));
    } finally {
      this.syncOut();
    }
  }

  /**
   * A command that would run forever (`tail -f`, `while true`) is stopped after the stream
   * limit, as a person at a terminal would press Ctrl+C; the clock has moved on by then.
   */
  private *bounded(job: Job): Job {
    const limit = this.opts.streamLimitMs ?? DEFAULT_STREAM_LIMIT_MS;
    let waited = 0;
    for (;;) {
      const r = job.next();
      if (r.done) return r.value;
      if (r.value.type === 'forever' || waited >= limit) {
        job.return(130);
        return 130;
      }
      waited += r.value.ms;
      yield r.value;
    }
  }

  private *runInNode(m: Extract<Mode, { kind: 'node' }>, cmd: ScriptCommand, o: Output, oneShot = false): Job {
    const argv = words(cmd.line, () => undefined).argv;
    if ((argv[0] === 'exit' || argv[0] === 'logout') && !oneShot) {
      this.modes.pop();
      o.out(`logout\nConnection to ${m.node} closed.\n`);
      return 0;
    }
    // The control plane node has root's admin kubeconfig, as kubeadm labs set it up.
    const isControlPlane = this.cluster.store.get('Node', undefined, m.node)?.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
    if ((argv[0] === 'kubectl' || argv[0] === 'k') && isControlPlane) {
      return yield* this.tool.run(this.kubectlEnv(cmd.heredoc), argv.slice(1), o);
    }
    if (argv[0] === 'kubectl') {
      o.err(`E1122 09:00:00.000000    1234 memcache.go:265] couldn't get current server API group list: Get "http://localhost:8080/api?timeout=32s": dial tcp 127.0.0.1:8080: connect: connection refused\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?\n`);
      return 1;
    }
    if (argv[0] === 'cd') {
      const target = normalizePath(argv[1] ?? '/root', m.cwd);
      if (!m.fs.isDir(target)) {
        o.err(`-bash: cd: ${argv[1]}: No such file or directory\n`);
        return 1;
      }
      m.cwd = target;
      return 0;
    }
    const script = cmd.heredoc !== undefined ? `${cmd.line}\n${cmd.heredoc}${heredocDelimiter(cmd.line)}\n` : cmd.line;
    const machine = this.cluster.machines.get(m.node)!;
    const ctx: ProcessContext = {
      fs: m.fs,
      env: new Map([
        ['HOME', '/root'],
        ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
        ['HOSTNAME', m.node],
      ]),
      cwd: m.cwd,
      stdout: (t) => o.out(t),
      stderr: (t) => o.err(t),
      hostname: m.node,
      wallTime: () => this.cluster.clock.wallTime,
      random: () => this.cluster.random.nextUint32(),
      net: this.cluster.network.viewFrom(undefined, 'default', machine.ip),
      listen: () => false,
    };
    const kubelet = this.cluster.kubelets.get(m.node);
    const extraCommands = new Map<string, ExtraCommand>([['curl', curl], ...Object.entries(this.tool.hostCommands)]);
    // The node's own tools come with kubectl's chunk: only a person at the node types them.
    for (const [name, make] of Object.entries(this.tool.nodeCommands ?? {})) extraCommands.set(name, make(kubelet));
    return yield* this.bounded(runShell(script, { ...ctx, stderr: withToolHints(o, this.tool.toolHints?.node).err }, { busyboxVersion: '1.36', extraCommands, applets: this.cluster.applets }));
  }

  private *runInContainer(m: Extract<Mode, { kind: 'container' }>, cmd: ScriptCommand, o: Output): Job {
    const argv = words(cmd.line, () => undefined).argv;
    if (m.instance !== undefined && !this.containerAlive(m)) return this.sessionKilled(o);
    if (argv[0] === 'exit') {
      this.modes.pop();
      return 0;
    }
    // Each line runs as its own `sh -c`; the session carries the working directory over.
    if (argv[0] === 'cd' && argv.length <= 2) {
      const target = normalizePath(argv[1] ?? '/root', m.cwd);
      const fs = m.ref.container?.fs;
      if (!fs?.isDir(target)) {
        o.err(`sh: cd: can't cd to ${argv[1]}: No such file or directory\n`);
        return 2;
      }
      m.cwd = target;
      return 0;
    }
    const body = cmd.heredoc !== undefined ? `${cmd.line}\n${cmd.heredoc}${heredocDelimiter(cmd.line)}\n` : cmd.line;
    const script = m.cwd === '/' ? body : `cd ${shellQuote(m.cwd)} 2>/dev/null\n${body}`;
    const ran = yield* this.tool.execIn(this.kubectlEnv(), m.ref, ['sh', '-c', script], o);
    // A negative status: the exec never started (its error is printed).
    const code = ran < 0 ? 1 : ran;
    if (!this.containerAlive(m)) return this.sessionKilled(o);
    return code;
  }

  private containerAlive(m: Extract<Mode, { kind: 'container' }>): boolean {
    const c = m.ref.container;
    return c !== undefined && c.containerID === m.instance && c.state.type === 'running';
  }

  /**
   * The container died under the exec session (OOM, its main process exited, crictl stop):
   * the runtime SIGKILLs every process in it, the shell too, and kubectl reports that.
   */
  private sessionKilled(o: Output): number {
    this.modes.pop();
    o.err('command terminated with exit code 137\n');
    return 137;
  }

  /** Enter a container shell (kubectl exec -it POD -- sh). */
  enterContainer(ref: ContainerRef): void {
    const mode: Mode = { kind: 'container', ref, cwd: '/' };
    if (ref.container?.containerID) mode.instance = ref.container.containerID;
    this.modes.push(mode);
  }

  /** One command as a terminal runs it: `kubectl exec -it POD -- sh` enters the container. */
  *start(cmd: ScriptCommand, o: Output): Job {
    if (this.interactiveExec(cmd, o)) return 0;
    return yield* this.run(cmd, o);
  }

  /** Drive a job to completion on the virtual clock. */
  drive(job: Job): number {
    for (;;) {
      const r = job.next();
      if (r.done) return r.value;
      if (r.value.type === 'sleep') this.cluster.advance(r.value.ms);
      else {
        job.return(0);
        return 0;
      }
    }
  }

  /** Run a whole script and return its transcript. */
  runScript(text: string): string {
    let transcript = '';
    const o: Output = { out: (t) => (transcript += t), err: (t) => (transcript += t) };
    for (const cmd of splitScript(text)) {
      if (cmd.line.trim().startsWith('#')) continue;
      const prompt = this.prompt();
      transcript += prompt + cmd.raw[0] + '\n';
      for (const l of cmd.raw.slice(1)) transcript += '> ' + l + '\n';
      const interactive = this.interactiveExec(cmd, o);
      if (interactive) continue;
      this.drive(this.run(cmd, o));
      if (transcript.length && !transcript.endsWith('\n')) transcript += '\n';
    }
    return transcript;
  }

  /** `kubectl exec -it POD [-c C] -- sh|bash|/bin/sh` opens a container shell for the next lines. */
  private interactiveExec(cmd: ScriptCommand, o: Output): boolean {
    if (this.mode.kind !== 'host') return false;
    const argv = words(cmd.line, (n) => this.vars.get(n)).argv;
    if (argv[0] !== 'kubectl' && argv[0] !== 'k') return false;
    if (argv[1] !== 'exec') return false;
    const dash = argv.indexOf('--');
    if (dash < 0) return false;
    const flags = argv.slice(2, dash);
    const after = argv.slice(dash + 1);
    const tty = flags.some((f) => /^-[a-z]*t[a-z]*$/.test(f) || f === '--tty');
    if (!tty || after.length !== 1 || !/^(\/bin\/)?(sh|bash|ash)$/.test(after[0]!)) return false;
    const pod = flags.find((f) => !f.startsWith('-') && flags[flags.indexOf(f) - 1] !== '-c' && flags[flags.indexOf(f) - 1] !== '-n' && flags[flags.indexOf(f) - 1] !== '--container' && flags[flags.indexOf(f) - 1] !== '--namespace');
    const ci = flags.findIndex((f) => f === '-c' || f === '--container');
    const ni = flags.findIndex((f) => f === '-n' || f === '--namespace');
    const ns = ni >= 0 ? flags[ni + 1]! : this.namespace;
    const ref = this.tool.findContainer(this.cluster, ns, (pod ?? '').replace(/^pods?\//, ''), ci >= 0 ? flags[ci + 1] : undefined, o);
    if (typeof ref === 'string') {
      o.err(ref + '\n');
      return true;
    }
    if (!ref.container || ref.container.state.type !== 'running') {
      o.err(`error: unable to upgrade connection: container not found ("${ref.spec.name}")\n`);
      return true;
    }
    this.enterContainer(ref);
    return true;
  }
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

function heredocDelimiter(line: string): string {
  const m = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(line);
  return m?.[2] ?? 'EOF';
}

/** Whether a line needs a real shell: pipes, substitutions, lists or redirections outside quotes. */
export function hasShellSyntax(line: string): boolean {
  let q: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (q) {
      if (ch === q) q = undefined;
      else if (q === '"' && ch === '$' && line[i + 1] === '(') return true;
      continue;
    }
    if (ch === '"' || ch === "'") q = ch;
    else if (ch === '\\') i++;
    else if (ch === '|' || ch === ';' || ch === '`' || ch === '>' || ch === '<') return true;
    else if (ch === '&' && line[i + 1] === '&') return true;
    else if (ch === '$' && line[i + 1] === '(') return true;
  }
  return false;
}

/** The name of a file directly in the workstation's home directory, or undefined. */
function homeName(path: string): string | undefined {
  const m = /^\/root\/([^/]+)$/.exec(path);
  return m ? m[1] : undefined;
}

/** kubectl's chunk brings the applets beyond busybox's core (awk, sed, xargs) to every shell. */
export function installTools(cluster: Cluster, tool: KubectlTool): void {
  for (const [name, applet] of Object.entries(tool.applets)) cluster.applets.set(name, applet);
}

function withToolHints(o: Output, hints: Readonly<Record<string, string>> | undefined): Output {
  if (!hints) return o;
  return {
    out: (t) => o.out(t),
    err: (t) => {
      o.err(t);
      const tool = /^sh: ([\w-]+): not found$/m.exec(t)?.[1];
      const hint = tool !== undefined && Object.hasOwn(hints, tool) ? hints[tool] : undefined;
      if (hint) o.err(`kubelab: ${hint}\n`);
    },
  };
}
