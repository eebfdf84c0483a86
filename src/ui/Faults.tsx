// Faults for the selected object. Each button types its kubectl (or ssh) equivalent into the
// terminal, so the student sees exactly what broke the cluster and can do it again by hand.
import { EVICTION_TIMEOUT_SECONDS, useLab } from '../state/labStore.ts';
import { parseKey, type ObjectKey } from '../state/snapshot.ts';
import { defineStrings } from './i18n.ts';

const useFaultStrings = defineStrings({
  en: {
    faults: 'Faults',
    deletePod: 'Delete pod',
    killContainer: 'Kill container',
    breakProbe: 'Break liveness probe',
    fillMemory: 'Fill memory',
    cordon: 'Cordon',
    uncordon: 'Uncordon',
    drain: 'Drain',
    stopKubelet: 'Stop kubelet',
    startKubelet: 'Start kubelet',
    evictionNote: 'In this lab, pods leave an unreachable node after {s} s; a real cluster waits 300 s.',
    runs: 'Runs: {cmd}',
  },
  ko: {
    faults: '장애 주입',
    deletePod: '파드 삭제',
    killContainer: '컨테이너 종료',
    breakProbe: '라이브니스 프로브 깨뜨리기',
    fillMemory: '메모리 채우기',
    cordon: '코든',
    uncordon: '언코든',
    drain: '드레인',
    stopKubelet: 'kubelet 중지',
    startKubelet: 'kubelet 시작',
    evictionNote: '이 실습에서는 연결이 끊긴 노드의 파드가 {s}초 뒤에 옮겨집니다. 실제 클러스터는 300초를 기다립니다.',
    runs: '실행: {cmd}',
  },
});

type Fault = { label: string; command: string };

export function Faults({ selection, container }: { selection: ObjectKey; container: string | undefined }) {
  const submit = useLab((s) => s.submit);
  const pod = useLab((s) => s.snapshot.pods.find((p) => p.key === selection));
  const node = useLab((s) => s.snapshot.nodes.find((n) => n.key === selection));
  const t = useFaultStrings();
  const { kind, namespace, name } = parseKey(selection);
  const ns = namespace && namespace !== 'default' ? ` -n ${namespace}` : '';
  const faults: Fault[] = [];
  if (kind === 'Pod' && pod) {
    faults.push({ label: t('deletePod'), command: `kubectl delete pod ${name}${ns}` });
    const c = pod.containers.find((x) => x.name === container) ?? pod.containers.find((x) => x.role === 'app');
    // Faults that exec into the container need it running.
    if (c && (c.phase === 'running' || c.phase === 'ready')) {
      const exec = `kubectl exec ${name}${ns} -c ${c.name} --`;
      // From inside, PID 1 ignores signals it has no handler for (busybox does); stopping it
      // through the runtime on its node is what kills any container.
      if (c.id && pod.node) faults.push({ label: t('killContainer'), command: `ssh ${pod.node} crictl stop ${c.id}` });
      if (c.probes.liveness) faults.push({ label: t('breakProbe'), command: `${exec} rm -f /tmp/healthy` });
      faults.push({ label: t('fillMemory'), command: `${exec} tail /dev/zero` });
    }
  }
  if (kind === 'Node' && node) {
    faults.push(node.unschedulable ? { label: t('uncordon'), command: `kubectl uncordon ${name}` } : { label: t('cordon'), command: `kubectl cordon ${name}` });
    faults.push({ label: t('drain'), command: `kubectl drain ${name} --ignore-daemonsets --delete-emptydir-data --force` });
    faults.push(node.ready ? { label: t('stopKubelet'), command: `ssh ${name} systemctl stop kubelet` } : { label: t('startKubelet'), command: `ssh ${name} systemctl start kubelet` });
  }
  if (!faults.length) return null;
  return (
    <div className="faults" role="group" aria-label={t('faults')}>
      <span className="faults-title">{t('faults')}</span>
      {faults.map((f) => (
        <button key={f.label} type="button" className="text-btn fault-btn" title={t('runs', { cmd: f.command })} onClick={() => submit(f.command)}>
          {f.label}
        </button>
      ))}
      {kind === 'Node' && <p className="faults-note muted">{t('evictionNote', { s: EVICTION_TIMEOUT_SECONDS })}</p>}
    </div>
  );
}
