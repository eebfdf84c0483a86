// What tutorials have people type that this lab does not have, and what to do instead: the
// line after the shell's own "not found". Loaded with kubectl (tool.ts), since only a person
// typing meets it.

/**
 * What the seed articles and other tutorials have people type that this lab does not have:
 * after the shell's own "not found", one line on what to do here instead.
 */
export const TOOL_HINTS: Record<'workstation' | 'node', Record<string, string>> = {
  workstation: {
    docker: 'this lab has no Docker. Its nodes run containers with containerd: kubectl run NAME --image=IMAGE starts one, and ssh node01 crictl ps lists them.',
    podman: 'this lab has no Podman. Its nodes run containers with containerd: kubectl run NAME --image=IMAGE starts one.',
    minikube: 'you are already on a cluster (controlplane, node01, node02); there is none to create. Try kubectl get nodes.',
    kind: 'you are already on a cluster (controlplane, node01, node02); there is none to create. Try kubectl get nodes.',
    k3d: 'you are already on a cluster (controlplane, node01, node02); there is none to create. Try kubectl get nodes.',
    gcloud: 'this lab is not in a cloud: the cluster is already here (kubectl get nodes). A GCE persistent disk in a PersistentVolume still works, kept by the lab.',
    eksctl: 'this lab is not in a cloud: the cluster is already here (kubectl get nodes).',
    az: 'this lab is not in a cloud: the cluster is already here (kubectl get nodes).',
    helm: 'this lab has no Helm. Apply the manifests themselves with kubectl apply -f.',
  },
  node: {
    docker: 'this node runs containers with containerd, not Docker: crictl ps lists them and crictl logs ID shows a log.',
    podman: 'this node runs containers with containerd: crictl ps lists them.',
  },
};
