# Proportional scaling: scaling a Deployment in the middle of a (stuck) rolling update shares the
# new replicas between the old and the new ReplicaSet in proportion to their sizes.
kubectl apply -f nginx-deployment.yaml
kubectl rollout status deployment/nginx-deployment
# a tag that does not exist: the rollout stops with 8 old and 5 new pods (10 - maxUnavailable 2, 10 + maxSurge 3)
kubectl set image deployment/nginx-deployment nginx=nginx:sometag
sleep 30
kubectl get rs
# 5 more replicas: 3 go to the old ReplicaSet, 2 to the new one
kubectl scale deployment/nginx-deployment --replicas=15
sleep 2
kubectl get deploy
kubectl get rs
kubectl get rs -o custom-columns='NAME:.metadata.name,DESIRED:.spec.replicas,DESIRED-ANNOTATION:.metadata.annotations.deployment\.kubernetes\.io/desired-replicas,MAX-ANNOTATION:.metadata.annotations.deployment\.kubernetes\.io/max-replicas'
kubectl describe deployment nginx-deployment | grep -A20 Events
# and back down to 5 (8 with the surge): 11 -> 5 and 7 -> 3 in proportion; the rolling update then
# goes on within maxUnavailable (old 5 -> 3, new 3 -> 5), as the events show
kubectl scale deployment/nginx-deployment --replicas=5
sleep 2
kubectl get rs
kubectl describe deployment nginx-deployment | grep -A20 Events
# fixing the image lets the rollout finish at the new size
kubectl set image deployment/nginx-deployment nginx=nginx:1.27-alpine
kubectl rollout status deployment/nginx-deployment
kubectl get rs
