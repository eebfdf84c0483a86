# Seed: persistent volumes — a PV over an existing disk (pv-demo, no class), a claim bound to it
# by name, the redis pod using it; then a dynamically provisioned claim (mydisk, 30Gi, no class)
# that waits until a default StorageClass (rancher's local-path provisioner) exists.
kubectl apply -f existing-pd.yaml
kubectl get pv
kubectl apply -f existing-pvc.yaml
kubectl get pvc
kubectl get pv
kubectl apply -f existing-pod-redis.yaml
sleep 15
kubectl get pod redis
kubectl describe pv pv-demo
kubectl describe pvc pv-claim-demo
# the article's df -k in the pod: the disk is attached to the node as /dev/sdb and mounted at /data
kubectl exec redis -- df -k
# what the pod writes to the disk outlives the pod
kubectl exec redis -- sh -c 'echo written by redis > /data/note.txt'
kubectl delete pod redis
kubectl apply -f reader.yaml
sleep 10
kubectl logs reader
kubectl delete pod reader --now
# dynamic provisioning: no StorageClass in the cluster yet, so the claim just waits
kubectl get storageclass
kubectl apply -f dynamic-pvc.yaml
kubectl apply -f dynamic-pod-redis.yaml
sleep 20
kubectl get pvc
kubectl get pod redis
kubectl describe pvc mydisk
kubectl get events --field-selector reason=FailedScheduling
# a default StorageClass: the claim gets it, and a volume is provisioned on the pod's node
kubectl apply -f local-path-storageclass.yaml
kubectl get sc
sleep 20
kubectl get pvc
kubectl get pv
kubectl get pod redis
kubectl describe pvc mydisk
kubectl get pv -o custom-columns=NAME:.metadata.name,PATH:.spec.hostPath.path,NODE:.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]
# Delete policy: the provisioned volume goes with its claim; Retain: pv-demo stays, Released
kubectl delete pod redis
kubectl delete pvc mydisk pv-claim-demo
sleep 5
kubectl get pv
