import { defineStrings, type Strings } from '../i18n.ts';

export type WalkKey = keyof typeof table.en;

const table = {
  en: {
    diagram: 'The control plane: kubectl, the API server, etcd, the controller manager, the scheduler, kube-proxy and each node’s kubelet. Dots travel along the requests as the cluster makes them.',
    following: 'Following kubectl’s last command: {kind} {name}',
    nothing: 'Nothing to follow yet. Run a kubectl command that changes the cluster (apply, create, scale…) and watch it travel.',
    every: 'Every write',
    everyTitle: 'Show every write to the API, not only those that follow from the last kubectl command',
    replay: 'Replay walk',
    replayTitle: 'Play the walk from its first request again',
    steps: 'Requests, in order',
    stopped: 'stopped',
    stoppedTitle: 'Its static pod is not running: move its manifest back into /etc/kubernetes/manifests on controlplane',
    node: 'node {name}',
    request: '{writer} → kube-apiserver',
    create: 'create {kind} {name}',
    update: 'update {kind} {name}',
    'update-status': 'update the status of {kind} {name}',
    bind: 'bind Pod {name} to {detail}',
    'delete-graceful': 'delete {kind} {name} (graceful: marked for deletion)',
    delete: '{kind} {name} removed',
    event: 'record Event: {detail} ({name})',
    store: '→ etcd: {op} {key}',
    put: 'put',
    del: 'delete',
    watch: '→ watch {type}: {to}',
    at: '+{s} s',
    more: 'Showing the last {n} requests.',
  },
  ko: {
    diagram: '컨트롤 플레인: kubectl, API 서버, etcd, 컨트롤러 매니저, 스케줄러, kube-proxy, 그리고 노드마다 있는 kubelet. 클러스터가 요청을 보낼 때마다 점이 그 경로를 따라 움직입니다.',
    following: 'kubectl의 마지막 명령을 따라가는 중: {kind} {name}',
    nothing: '아직 따라갈 요청이 없습니다. 클러스터를 바꾸는 kubectl 명령(apply, create, scale 등)을 실행하고 요청이 어디로 가는지 지켜보세요.',
    every: '모든 쓰기',
    everyTitle: '마지막 kubectl 명령에서 이어진 요청뿐 아니라 API에 대한 모든 쓰기를 보여 줍니다',
    replay: '다시 보기',
    replayTitle: '첫 요청부터 다시 재생합니다',
    steps: '요청 순서',
    stopped: '중지됨',
    stoppedTitle: '스태틱 파드가 실행 중이 아닙니다. controlplane의 /etc/kubernetes/manifests 로 매니페스트를 되돌려 놓으세요',
    node: '노드 {name}',
    request: '{writer} → kube-apiserver',
    create: '{kind} {name} 생성',
    update: '{kind} {name} 수정',
    'update-status': '{kind} {name} 상태(status) 갱신',
    bind: '파드 {name} 을(를) {detail} 에 바인딩',
    'delete-graceful': '{kind} {name} 삭제 요청 (삭제 예정으로 표시)',
    delete: '{kind} {name} 제거됨',
    event: '이벤트 기록: {detail} ({name})',
    store: '→ etcd: {op} {key}',
    put: '저장',
    del: '삭제',
    watch: '→ watch 이벤트 {type}: {to}',
    at: '+{s}초',
    more: '마지막 {n}개 요청만 보여 줍니다.',
  },
};

export const walkTable: Strings<WalkKey> = table;

export const walkStrings = defineStrings(walkTable);
