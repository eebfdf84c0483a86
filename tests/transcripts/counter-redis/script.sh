# Seed: Pod (multi-container) — the counter app reaches redis over localhost in the same pod
kubectl apply -f counter.yaml
sleep 15
kubectl get pods -o wide
kubectl exec counter -c db -- redis-cli PING
kubectl exec counter -c db -- wget -qO- localhost:3000
kubectl exec counter -c db -- wget -qO- localhost:3000
kubectl exec counter -c db -- redis-cli GET count
kubectl logs counter -c app
kubectl logs counter -c db --tail 1
