// The editor checks' messages. Plain data (no React, no store) so checks.ts runs in node tests;
// the type comes from i18n so both languages must have every key.
import type { Strings } from '../i18n.ts';

export type CheckKey =
  | 'apiRemoved'
  | 'apiRemovedNoReplacement'
  | 'apiServedAs'
  | 'apiCase'
  | 'apiUnknown'
  | 'extraSelector'
  | 'extraIngress'
  | 'selectorMismatch'
  | 'selectorNoLabels'
  | 'serviceNoPods'
  | 'serviceSuggest'
  | 'targetPortNumber'
  | 'targetPortName'
  | 'probePortNumber'
  | 'probePortName'
  | 'mountNoVolume'
  | 'mountNoVolumeSts'
  | 'pvcNoVolumeName'
  | 'pvcNoDefaultClass'
  | 'pvcNoClass'
  | 'pvcEmptyClass'
  | 'pvcNoProvisioner'
  | 'imageMissing'
  | 'imageTag'
  | 'imageSuggest'
  | 'yamlBool'
  | 'none';

export const checkStrings: Strings<CheckKey> = {
  en: {
    apiRemoved: '{noMatch}: Kubernetes removed {apiVersion} in {removedIn}. Fix: change it to apiVersion: {replacement}.{extra}',
    apiRemovedNoReplacement: '{noMatch}: Kubernetes removed {kind} in {removedIn} and nothing replaces it. Fix: delete this object.',
    apiServedAs: '{noMatch}. Fix: {kind} is served as {served}.',
    apiCase: '{noMatch}. Kinds are case-sensitive. Fix: write kind: {kind}.',
    apiUnknown: '{noMatch}. The cluster does not know this kind. Fix: check the spelling of apiVersion and kind.',
    extraSelector: ' In {replacement} a {kind} also needs spec.selector matching its template labels.',
    extraIngress: ' In networking.k8s.io/v1 a backend is written service: {name: ..., port: {number: ...}} and every path needs a pathType.',
    selectorMismatch: 'The selector ({selector}) does not match the pod template labels ({labels}), so Kubernetes rejects this {kind}. Fix: give spec.template.metadata.labels the labels the selector asks for.',
    selectorNoLabels: 'The pod template has no labels, so the selector ({selector}) matches nothing and Kubernetes rejects this {kind}. Fix: add {selector} under spec.template.metadata.labels.',
    serviceNoPods: 'No pod in namespace {namespace} has the labels {selector}: none of the pod templates in your files and no pod in the cluster. The Service would have no endpoints. Fix: make spec.selector match your pods\' labels.{suggestion}',
    serviceSuggest: ' Your files have pods labelled {labels}.',
    targetPortNumber: 'No container in the pods this Service selects declares port {port}, so traffic to it is likely refused. Fix: set targetPort to a declared containerPort ({declared}).',
    targetPortName: 'No container in the pods this Service selects has a port named "{port}", so the Service sends traffic nowhere. Fix: name a containerPort "{port}" or use one of: {declared}.',
    probePortNumber: 'The {probe} checks port {port}, but no container in this pod declares it; if nothing listens there the probe fails. Fix: use a declared containerPort ({declared}).',
    probePortName: 'The {probe} uses the port name "{port}", but this container has no port with that name, so the probe fails. Fix: add name: {port} to one of its ports, or use a port number.',
    mountNoVolume: 'volumeMount "{name}" names no volume of this pod, so Kubernetes rejects it (Not found). Fix: add a volume named {name} under spec.volumes, or use an existing one ({volumes}).',
    mountNoVolumeSts: 'volumeMount "{name}" names no volume of this pod, so Kubernetes rejects it (Not found). Fix: add a volume named {name} under spec.template.spec.volumes or spec.volumeClaimTemplates, or use an existing one ({volumes}).',
    pvcNoVolumeName: 'This claim asks for the PersistentVolume "{volume}", which is neither in your files nor in the cluster, so it stays Pending. Fix: create that PersistentVolume or remove spec.volumeName.',
    pvcNoDefaultClass: 'This claim names no storageClassName, the cluster has no default StorageClass, and no PersistentVolume without a class offers {size} {modes}. It stays Pending and pods using it do not start. Fix: add a PersistentVolume with capacity.storage of at least {size} and accessModes {modes}.',
    pvcNoClass: 'There is no StorageClass "{cls}" and no PersistentVolume with storageClassName "{cls}" offering {size} {modes}. The claim stays Pending. Fix: create a PersistentVolume with storageClassName: {cls}, capacity.storage of at least {size} and accessModes {modes} (or a StorageClass {cls}).',
    pvcEmptyClass: 'storageClassName: "" asks for a PersistentVolume without a class, and none offers {size} {modes}. The claim stays Pending. Fix: add such a PersistentVolume, or remove storageClassName to use the default class.',
    pvcNoProvisioner: 'StorageClass "{cls}" does not create volumes (kubernetes.io/no-provisioner), and no PersistentVolume of that class offers {size} {modes}. The claim stays Pending. Fix: create a matching PersistentVolume with storageClassName: {cls}.',
    imageMissing: 'The registry has no image "{image}", so the pod ends up in ErrImagePull / ImagePullBackOff.{suggestion}',
    imageTag: 'The registry has {repository} but no tag "{tag}", so the pod ends up in ErrImagePull. Fix: use a tag that exists.',
    imageSuggest: ' Fix: did you mean {name}?',
    yamlBool: 'Kubernetes reads {text} as the boolean {value} (YAML 1.1, as kubectl parses it). A text field refuses a boolean. Fix: if you mean the word, quote it: "{text}".',
    none: '',
  },
  ko: {
    apiRemoved: '{noMatch}: {apiVersion}은(는) Kubernetes {removedIn}에서 제거되었습니다. 해결: apiVersion: {replacement}(으)로 바꾸세요.{extra}',
    apiRemovedNoReplacement: '{noMatch}: {kind}은(는) Kubernetes {removedIn}에서 제거되었고 대체 API가 없습니다. 해결: 이 오브젝트를 지우세요.',
    apiServedAs: '{noMatch}. 해결: {kind}은(는) {served}(으)로 써야 합니다.',
    apiCase: '{noMatch}. kind는 대소문자를 구분합니다. 해결: kind: {kind}(으)로 쓰세요.',
    apiUnknown: '{noMatch}. 클러스터가 모르는 kind입니다. 해결: apiVersion과 kind의 철자를 확인하세요.',
    extraSelector: ' {replacement}의 {kind}에는 템플릿 레이블과 맞는 spec.selector도 필요합니다.',
    extraIngress: ' networking.k8s.io/v1에서는 백엔드를 service: {name: ..., port: {number: ...}} 형식으로 쓰고, 모든 path에 pathType이 있어야 합니다.',
    selectorMismatch: '셀렉터({selector})가 파드 템플릿 레이블({labels})과 맞지 않아 Kubernetes가 이 {kind}를 거부합니다. 해결: spec.template.metadata.labels에 셀렉터가 요구하는 레이블을 넣으세요.',
    selectorNoLabels: '파드 템플릿에 레이블이 없어 셀렉터({selector})와 맞는 것이 없고, Kubernetes가 이 {kind}를 거부합니다. 해결: spec.template.metadata.labels에 {selector}를 추가하세요.',
    serviceNoPods: '네임스페이스 {namespace}에 레이블 {selector}를 가진 파드가 없습니다. 파일의 파드 템플릿에도, 클러스터에도 없어서 이 서비스에는 엔드포인트가 생기지 않습니다. 해결: spec.selector를 파드 레이블과 맞추세요.{suggestion}',
    serviceSuggest: ' 파일에 있는 파드의 레이블은 {labels}입니다.',
    targetPortNumber: '이 서비스가 고르는 파드의 어떤 컨테이너도 포트 {port}를 선언하지 않아 트래픽이 거부될 가능성이 큽니다. 해결: targetPort를 선언된 containerPort({declared})로 바꾸세요.',
    targetPortName: '이 서비스가 고르는 파드의 컨테이너에 이름이 "{port}"인 포트가 없어 트래픽이 어디로도 가지 않습니다. 해결: containerPort 하나에 이름 "{port}"를 붙이거나 다음 중 하나를 쓰세요: {declared}.',
    probePortNumber: '{probe}가 포트 {port}를 검사하지만 이 파드의 어떤 컨테이너도 그 포트를 선언하지 않았습니다. 그 포트에서 아무것도 듣고 있지 않으면 프로브가 실패합니다. 해결: 선언된 containerPort({declared})를 쓰세요.',
    probePortName: '{probe}가 포트 이름 "{port}"를 쓰지만 이 컨테이너에 그 이름의 포트가 없어 프로브가 실패합니다. 해결: 포트 하나에 name: {port}를 추가하거나 포트 번호를 쓰세요.',
    mountNoVolume: 'volumeMount "{name}"에 해당하는 볼륨이 이 파드에 없어 Kubernetes가 거부합니다(Not found). 해결: spec.volumes에 이름이 {name}인 볼륨을 추가하거나 있는 볼륨({volumes})을 쓰세요.',
    mountNoVolumeSts: 'volumeMount "{name}"에 해당하는 볼륨이 이 파드에 없어 Kubernetes가 거부합니다(Not found). 해결: spec.template.spec.volumes나 spec.volumeClaimTemplates에 이름이 {name}인 볼륨을 추가하거나 있는 볼륨({volumes})을 쓰세요.',
    pvcNoVolumeName: '이 클레임이 요구하는 PersistentVolume "{volume}"이(가) 파일에도 클러스터에도 없어 Pending 상태로 남습니다. 해결: 그 PersistentVolume을 만들거나 spec.volumeName을 지우세요.',
    pvcNoDefaultClass: '이 클레임에는 storageClassName이 없는데 클러스터에 기본 StorageClass가 없고, 클래스 없는 PersistentVolume 중 {size} {modes}를 제공하는 것도 없습니다. Pending 상태로 남고 이를 쓰는 파드도 시작하지 못합니다. 해결: capacity.storage가 {size} 이상이고 accessModes가 {modes}인 PersistentVolume을 추가하세요.',
    pvcNoClass: 'StorageClass "{cls}"도 없고, storageClassName이 "{cls}"이면서 {size} {modes}를 제공하는 PersistentVolume도 없습니다. 클레임이 Pending 상태로 남습니다. 해결: storageClassName: {cls}, capacity.storage {size} 이상, accessModes {modes}인 PersistentVolume(또는 StorageClass {cls})을 만드세요.',
    pvcEmptyClass: 'storageClassName: ""은(는) 클래스 없는 PersistentVolume을 요구하는데, {size} {modes}를 제공하는 것이 없습니다. 클레임이 Pending 상태로 남습니다. 해결: 그런 PersistentVolume을 추가하거나, 기본 클래스를 쓰도록 storageClassName을 지우세요.',
    pvcNoProvisioner: 'StorageClass "{cls}"은(는) 볼륨을 만들지 않고(kubernetes.io/no-provisioner), 그 클래스의 PersistentVolume 중 {size} {modes}를 제공하는 것도 없습니다. 클레임이 Pending 상태로 남습니다. 해결: storageClassName: {cls}인 PersistentVolume을 만드세요.',
    imageMissing: '레지스트리에 이미지 "{image}"이(가) 없어 파드가 ErrImagePull / ImagePullBackOff 상태가 됩니다.{suggestion}',
    imageTag: '레지스트리에 {repository}은(는) 있지만 태그 "{tag}"는 없어 파드가 ErrImagePull 상태가 됩니다. 해결: 있는 태그를 쓰세요.',
    imageSuggest: ' 해결: {name}을(를) 쓰려던 것인가요?',
    yamlBool: '쿠버네티스는 {text}를 불리언 {value}로 읽습니다(kubectl이 쓰는 YAML 1.1 규칙). 문자열 필드는 불리언을 받지 않습니다. 해결: 단어로 쓰려던 것이면 따옴표로 감싸세요: "{text}".',
    none: '',
  },
};
