# Seed: multi-container patterns — an ambassador (twemproxy) in front of remote redis servers.
# Without the redis-svc Service and the redis-st StatefulSet the article says it needs, the
# proxy has nowhere to send requests.
kubectl apply -f ambassador.yaml
sleep 15
kubectl get pods
kubectl exec ambassador-example -c redis-client -- redis-cli PING
kubectl exec ambassador-example -c redis-client -- redis-cli -p 6380 PING
kubectl logs ambassador-example -c ambassador
