# Seed: multi-container patterns — an adapter reformats the main container's log lines
kubectl apply -f adapter.yaml
sleep 30
kubectl get pods
kubectl exec adapter-container-demo -c main-container -- tail -n 3 /var/log/file.log
kubectl logs adapter-container-demo -c adapter-container --tail 3
kubectl exec adapter-container-demo -c main-container -- wget -qO- localhost:3080
