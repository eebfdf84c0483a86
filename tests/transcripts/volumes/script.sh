# Seed: volumes — an emptyDir shared by two containers; a hostPath that shows the node's /tmp
kubectl apply -f shared-volumes.yaml
sleep 10
kubectl exec shared-volumes -c redis -- ls /data/shared
kubectl exec shared-volumes -c redis -- sh -c 'echo hello > /data/shared/file.txt'
kubectl exec shared-volumes -c nginx -- cat /data/shared/file.txt
kubectl apply -f hostpath.yaml
ssh node01
echo "hello from node01" > /tmp/hello.txt
exit
sleep 10
kubectl exec hostpath -- cat /data/shared/hello.txt
kubectl exec hostpath -- sh -c 'echo written by the pod > /data/shared/from-pod.txt'
kubectl delete pod hostpath
ssh node01
cat /tmp/from-pod.txt
exit
# gitRepo (deprecated) clones on the node; the lab is offline, so the mount fails
kubectl apply -f gitrepo.yaml
sleep 10
kubectl get pod gitrepo-volume-pod
kubectl describe pod gitrepo-volume-pod | grep -A3 FailedMount
# a pod whose claim does not exist cannot be scheduled
kubectl apply -f redis-pvc.yaml
sleep 5
kubectl get pod redis
kubectl get events --field-selector reason=FailedScheduling
