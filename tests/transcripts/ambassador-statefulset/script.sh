# Seed: multi-container patterns — the ambassador example with what the article says it still
# needs: the headless Service redis-svc and the StatefulSet redis-st. The StatefulSet's pods get
# stable names (redis-st-0, redis-st-1), created one after the other, and stable DNS names
# <pod>.redis-svc.default.svc.cluster.local, which is what the ambassador's REDIS_SERVERS names.
kubectl apply -f redis.yaml
kubectl get pods
sleep 2
kubectl get pods
sleep 10
kubectl get pods -o wide
kubectl get statefulset redis-st
kubectl get svc redis-svc
kubectl get endpoints redis-svc
# Each pod has its own DNS record under the headless Service; the Service name returns them all.
kubectl run dns-test --image=busybox:1.28 --restart=Never -- sleep 3600
sleep 10
kubectl exec dns-test -- nslookup redis-st-0.redis-svc
kubectl exec dns-test -- nslookup redis-st-1.redis-svc.default.svc.cluster.local
kubectl exec dns-test -- nslookup redis-svc
# The ambassador pod from the article: redis-client talks to localhost:6380, twemproxy forwards.
kubectl apply -f ambassador.yaml
sleep 15
kubectl get pods
kubectl exec ambassador-example -c redis-client -- redis-cli -p 6380 SET k v
kubectl exec ambassador-example -c redis-client -- redis-cli -p 6380 GET k
# The image splits REDIS_SERVERS on commas; the article's space-separated value is read by
# twemproxy as ONE server (redis-st-0) whose optional name is the second address, so every key
# lands on redis-st-0.
kubectl exec redis-st-0 -- redis-cli GET k
kubectl exec redis-st-1 -- redis-cli GET k
kubectl logs ambassador-example -c ambassador
# A deleted StatefulSet pod comes back with the same name (and the same DNS name).
kubectl delete pod redis-st-0
kubectl get pods -l app=redis
sleep 10
kubectl get pods -l app=redis
kubectl exec dns-test -- nslookup redis-st-0.redis-svc
kubectl describe statefulset redis-st
