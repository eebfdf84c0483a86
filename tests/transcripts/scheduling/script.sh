# nodeSelector: no node has the label yet, so the pod waits
kubectl apply -f selector.yaml
sleep 5
kubectl get pod ssd-app
kubectl get events --field-selector involvedObject.name=ssd-app
# labelling a node is a cluster change: the scheduler tries again
kubectl label node node01 disktype=ssd
sleep 5
kubectl get pod ssd-app -o wide
# nodeName skips the scheduler entirely
kubectl apply -f pinned.yaml
sleep 5
kubectl get pod pinned -o wide
kubectl logs pinned
# two containers of one pod share a network namespace: the second nginx cannot bind :80
kubectl apply -f two-nginx.yaml
sleep 15
kubectl get pod two-nginx
kubectl logs two-nginx -c second --tail 2
# an emptyDir outlives a container restart (not the pod)
kubectl apply -f restart-keeps-data.yaml
sleep 30
kubectl get pod keeper
kubectl logs keeper
kubectl logs keeper --previous
