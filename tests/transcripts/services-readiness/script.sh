# Seed: Kubernetes #9 (health checks) — readiness takes a pod out of its Service
kubectl apply -f readiness-rc.yaml
kubectl apply -f readiness-svc.yaml
kubectl get svc readiness-svc
sleep 30
kubectl get svc readiness-svc
kubectl get pods
kubectl get endpoints readiness-svc
kubectl run client --image=busybox:1.36 -- sleep 1d
sleep 5
kubectl exec client -- sh -c 'for i in 1 2 3 4 5 6; do wget -qO- readiness-svc; done'
# make the first pod not ready, as the article does
kubectl exec $(kubectl get pods -l app=readiness -o name | head -1) -- rm /tmp/healthy
sleep 15
kubectl get pods -l app=readiness
kubectl get endpoints readiness-svc -o jsonpath='{.subsets[0].notReadyAddresses[*].targetRef.name}{"\n"}'
kubectl exec client -- sh -c 'for i in 1 2 3 4 5 6; do wget -qO- readiness-svc; done'
# from outside the cluster, through the load balancer IP
curl -s 192.168.1.240
