# Seed: Kubernetes #10 (Deployment) in apps/v1 — a rolling update from v1 to v2
kubectl apply -f hello-deployment.yaml
kubectl apply -f hello-deployment-svc.yaml
sleep 40
kubectl get deploy,rs,pods
kubectl describe deployment hello-deployment
kubectl run client --image=busybox:1.36 -- sleep 1d
sleep 5
kubectl exec client -- wget -qO- hello-deployment-svc
# roll to v2 and follow the rollout (minReadySeconds 5 paces it)
kubectl set image deployment/hello-deployment hello-deployment=gcr.io/terrycho-sandbox/deployment:v2
kubectl rollout status deployment/hello-deployment
kubectl get rs
kubectl describe deployment hello-deployment | grep -A12 Events
kubectl exec client -- wget -qO- hello-deployment-svc
kubectl rollout history deployment/hello-deployment
# undo takes the v1 ReplicaSet back and gives it a new revision number
kubectl rollout undo deployment/hello-deployment
kubectl rollout status deployment/hello-deployment
kubectl rollout history deployment/hello-deployment
kubectl get rs -o wide
