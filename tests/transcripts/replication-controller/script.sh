# Seed: Kubernetes #5 — a ReplicationController keeps three hello-node pods running
kubectl create -f hello-node-rc.yaml
sleep 30
kubectl get rc
kubectl get pods -o wide
# one pod calls another by its pod IP, as the article does with curl
kubectl get pod -o jsonpath='{.items[2].status.podIP}{"\n"}'
kubectl exec $(kubectl get pods -o name | head -1) -- curl -s $(kubectl get pod -o jsonpath='{.items[2].status.podIP}'):8080
kubectl describe rc hello-node-rc
# deleting the pods does not reduce the count: the RC replaces them
kubectl delete pod --all
sleep 10
kubectl get pods
kubectl scale rc hello-node-rc --replicas=1
sleep 5
kubectl get rc hello-node-rc
# deleting the RC takes its pods with it (the garbage collector)
kubectl delete rc hello-node-rc
sleep 35
kubectl get pods
