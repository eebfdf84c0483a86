// One line of "why" for each kind of event: which part of Kubernetes decided it and for what
// reason, in plain words. The event's own message says what happened; this says why.

import type { Lang } from '../state/labStore.ts';

type Why = Record<Lang, string>;

const WHY: Record<string, Why> = {
  Scheduled: { en: 'The scheduler picked a node with room for the pod and bound it there.', ko: '스케줄러가 파드를 올릴 여유가 있는 노드를 골라 배치했습니다.' },
  FailedScheduling: { en: 'The scheduler found no node that passes every filter (resources, taints, selectors); it retries when the cluster changes.', ko: '스케줄러가 모든 조건(리소스, 테인트, 셀렉터)을 만족하는 노드를 찾지 못했습니다. 클러스터가 바뀌면 다시 시도합니다.' },
  Pulling: { en: 'The kubelet does not have this image on the node yet, so it downloads it.', ko: '노드에 이미지가 없어서 kubelet이 이미지를 내려받고 있습니다.' },
  Pulled: { en: 'The image is on the node, so the kubelet can create the container.', ko: '이미지가 노드에 준비되어 kubelet이 컨테이너를 만들 수 있습니다.' },
  Created: { en: 'The kubelet asked the container runtime to create the container.', ko: 'kubelet이 컨테이너 런타임에 컨테이너 생성을 요청했습니다.' },
  Started: { en: 'The container runtime started the container’s main process.', ko: '컨테이너 런타임이 컨테이너의 메인 프로세스를 시작했습니다.' },
  Killing: { en: 'The kubelet is stopping the container: the pod is being deleted, or a liveness probe failed.', ko: 'kubelet이 컨테이너를 종료하고 있습니다. 파드가 삭제되었거나 라이브니스 프로브가 실패했기 때문입니다.' },
  Unhealthy: { en: 'A probe failed. Readiness failures take the pod out of Service endpoints; liveness failures past the threshold restart the container.', ko: '프로브가 실패했습니다. 레디니스 실패는 파드를 서비스 엔드포인트에서 빼고, 라이브니스 실패가 임계값을 넘으면 컨테이너를 재시작합니다.' },
  BackOff: { en: 'The container keeps exiting, so the kubelet waits longer before each restart (10 s, 20 s, 40 s … up to 5 minutes).', ko: '컨테이너가 계속 종료되어 kubelet이 재시작 간격을 늘리고 있습니다(10초, 20초, 40초 … 최대 5분).' },
  Failed: { en: 'The kubelet could not run the container (often a wrong image name or tag, or a bad command).', ko: 'kubelet이 컨테이너를 실행하지 못했습니다(대개 이미지 이름이나 태그, 명령이 잘못된 경우입니다).' },
  FailedMount: { en: 'The kubelet could not mount a volume the pod needs, so its containers cannot start yet.', ko: '파드에 필요한 볼륨을 마운트하지 못해 컨테이너를 아직 시작할 수 없습니다.' },
  SuccessfulCreate: { en: 'A controller saw fewer pods than desired and created one.', ko: '컨트롤러가 원하는 수보다 파드가 적은 것을 보고 새로 만들었습니다.' },
  SuccessfulDelete: { en: 'A controller saw more pods than desired and deleted one.', ko: '컨트롤러가 원하는 수보다 파드가 많은 것을 보고 하나를 지웠습니다.' },
  FailedCreate: { en: 'A controller tried to create a pod and the API server refused it (quota, validation or a missing object).', ko: '컨트롤러가 파드를 만들려 했지만 API 서버가 거절했습니다(쿼터, 검증 오류, 없는 오브젝트 등).' },
  ScalingReplicaSet: { en: 'The Deployment controller moves replicas between ReplicaSets within maxSurge and maxUnavailable.', ko: '디플로이먼트 컨트롤러가 maxSurge와 maxUnavailable 범위 안에서 레플리카셋 사이로 레플리카를 옮깁니다.' },
  DeploymentPaused: { en: 'The Deployment is paused: template changes wait until it is resumed.', ko: '디플로이먼트가 일시 정지되어 템플릿 변경은 재개될 때까지 반영되지 않습니다.' },
  DeploymentResumed: { en: 'The Deployment was resumed and rolls out any pending change.', ko: '디플로이먼트가 재개되어 밀려 있던 변경을 배포합니다.' },
  ProvisioningSucceeded: { en: 'The StorageClass’s provisioner created a PersistentVolume for the claim.', ko: '스토리지클래스의 프로비저너가 클레임을 위한 퍼시스턴트볼륨을 만들었습니다.' },
  ProvisioningFailed: { en: 'No volume could be provisioned for the claim.', ko: '클레임을 위한 볼륨을 프로비저닝하지 못했습니다.' },
  WaitForFirstConsumer: { en: 'The StorageClass binds only once a pod uses the claim, so the volume lands on that pod’s node.', ko: '스토리지클래스가 클레임을 쓰는 파드가 생길 때까지 바인딩을 미뤄, 볼륨이 그 파드의 노드에 만들어지게 합니다.' },
  FailedBinding: { en: 'No PersistentVolume matches the claim’s size, access modes and class.', ko: '클레임의 크기, 접근 모드, 클래스에 맞는 퍼시스턴트볼륨이 없습니다.' },
  Completed: { en: 'The Job reached its number of successful completions.', ko: '잡이 목표한 성공 횟수에 도달했습니다.' },
  BackoffLimitExceeded: { en: 'The Job’s pods failed more times than backoffLimit allows, so it gave up.', ko: '잡의 파드가 backoffLimit보다 많이 실패해서 잡이 중단되었습니다.' },
  NodeNotReady: { en: 'The node stopped reporting; after the eviction timeout its pods are replaced elsewhere.', ko: '노드가 상태 보고를 멈췄습니다. 축출 시간이 지나면 파드가 다른 노드에 다시 만들어집니다.' },
  RegisteredNode: { en: 'The node joined the cluster.', ko: '노드가 클러스터에 합류했습니다.' },
  Sync: { en: 'The ingress controller reloaded its routing rules from the Ingress.', ko: '인그레스 컨트롤러가 인그레스의 라우팅 규칙을 다시 읽었습니다.' },
};

export function whyFor(reason: string, lang: Lang): string {
  return WHY[reason]?.[lang] ?? '';
}
