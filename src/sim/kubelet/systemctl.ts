// `systemctl` on a node, for the kubelet unit as kubeadm installs it on Ubuntu 22.04: stop,
// start, restart, status, is-active. Stopping the kubelet is how CKA tasks break a node; the
// node lifecycle controller (controllers/nodelifecycle.ts) notices the silence 40 s later.

import type { Proc, ProcessContext } from '../runtime/process.ts';
import type { Kubelet } from './kubelet.ts';

const UNIT_DESCRIPTION = 'kubelet: The Kubernetes Node Agent';
const EXEC = '/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Process ids per kubelet, so a restart shows a new Main PID. */
const pids = new WeakMap<Kubelet, number>();

function pidOf(k: Kubelet): number {
  return pids.get(k) ?? 1021 + k.machine.index * 7;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** systemd's timestamp: "Mon 2026-01-05 09:10:00 UTC". */
function systemdTime(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** systemd's format_timestamp_relative. */
export function relativeAgo(ms: number): string {
  const s = Math.floor(ms / 1000);
  const min = Math.floor(s / 60);
  const h = Math.floor(min / 60);
  const days = Math.floor(h / 24);
  if (days >= 2) return `${days} days ago`;
  if (h >= 25) return `1 day ${h - 24}h ago`;
  if (h >= 6) return `${h}h ago`;
  if (h >= 1) return `${h}h ${min % 60}min ago`;
  if (min >= 5) return `${min}min ago`;
  if (min >= 1) return `${min}min ${s % 60}s ago`;
  if (s >= 1) return `${s}s ago`;
  return 'now';
}

/** journald's short timestamp: "Jan 05 09:10:00". */
function journalTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function status(k: Kubelet, now: number, host: string): string {
  const since = `since ${systemdTime(k.serviceSince)}; ${relativeAgo(now - k.serviceSince)}`;
  const pid = pidOf(k);
  const head = [
    `${k.isRunning ? '●' : '○'} kubelet.service - ${UNIT_DESCRIPTION}`,
    '     Loaded: loaded (/lib/systemd/system/kubelet.service; enabled; vendor preset: enabled)',
    '    Drop-In: /usr/lib/systemd/system/kubelet.service.d',
    '             └─10-kubeadm.conf',
  ];
  if (k.isRunning) {
    return [
      ...head,
      `     Active: active (running) ${since}`,
      '       Docs: https://kubernetes.io/docs/',
      `   Main PID: ${pid} (kubelet)`,
      '      Tasks: 11 (limit: 4557)',
      '     Memory: 38.4M',
      '        CPU: 1.862s',
      '     CGroup: /system.slice/kubelet.service',
      `             └─${pid} ${EXEC}`,
      '',
    ].join('\n');
  }
  const t = journalTime(k.serviceSince);
  return [
    ...head,
    `     Active: inactive (dead) ${since}`,
    '       Docs: https://kubernetes.io/docs/',
    `    Process: ${pid} ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS (code=exited, status=0/SUCCESS)`,
    `   Main PID: ${pid} (code=exited, status=0/SUCCESS)`,
    '        CPU: 1.862s',
    '',
    `${t} ${host} systemd[1]: Stopping ${UNIT_DESCRIPTION}...`,
    `${t} ${host} systemd[1]: kubelet.service: Deactivated successfully.`,
    `${t} ${host} systemd[1]: Stopped ${UNIT_DESCRIPTION}.`,
    '',
  ].join('\n');
}

/** The `systemctl` command of one node's shell. */
export function systemctlFor(kubelet: Kubelet | undefined): (argv: string[], ctx: ProcessContext) => Proc {
  return function* systemctl(argv: string[], ctx: ProcessContext): Proc {
    const args = argv.slice(1).filter((a) => !a.startsWith('-'));
    const [verb, ...units] = args;
    if (verb === undefined) {
      ctx.stderr('systemctl: this node only knows the kubelet unit; try `systemctl status kubelet`\n');
      return 1;
    }
    if (verb === 'daemon-reload') return 0;
    if (units.length === 0) {
      ctx.stderr(`Too few arguments.\n`);
      return 1;
    }
    let code = 0;
    for (const raw of units) {
      const unit = raw.replace(/\.service$/, '');
      if (unit !== 'kubelet' || !kubelet) {
        if (verb === 'is-active') ctx.stdout('inactive\n');
        else ctx.stderr(verb === 'status' ? `Unit ${unit}.service could not be found.\n` : `Failed to ${verb} ${unit}.service: Unit ${unit}.service not found.\n`);
        code = verb === 'status' ? 4 : verb === 'is-active' ? 3 : 5;
        continue;
      }
      switch (verb) {
        case 'stop':
          kubelet.stop();
          break;
        case 'start':
          if (!kubelet.isRunning) pids.set(kubelet, pidOf(kubelet) + 4211);
          kubelet.start();
          break;
        case 'restart':
          kubelet.stop();
          pids.set(kubelet, pidOf(kubelet) + 4211);
          kubelet.start();
          break;
        case 'status':
          ctx.stdout(status(kubelet, ctx.wallTime(), ctx.hostname));
          if (!kubelet.isRunning) code = 3;
          break;
        case 'is-active':
          ctx.stdout(kubelet.isRunning ? 'active\n' : 'inactive\n');
          if (!kubelet.isRunning) code = 3;
          break;
        case 'enable':
        case 'disable':
        case 'reload':
          break;
        default:
          ctx.stderr(`Unknown command verb ${verb}.\n`);
          return 1;
      }
    }
    return code;
  };
}
