# Seed: sidecar practice (CKA task) — add a streaming sidecar to eshop-cart-app so that
# `kubectl logs eshop-cart-app -c sidecar` shows the app's log file.
kubectl apply -f eshop.yaml
sleep 10
kubectl logs eshop-cart-app
# Containers cannot be added to a running pod: the API server says which fields may change.
kubectl apply -f eshop-with-sidecar.yaml
kubectl delete pod eshop-cart-app
kubectl apply -f eshop-with-sidecar.yaml
sleep 15
kubectl get pods
kubectl logs eshop-cart-app -c sidecar
kubectl logs eshop-cart-app -c sidecar --tail 2
kubectl exec eshop-cart-app -c sidecar -- tail -n 3 /var/log/cart-app.log
