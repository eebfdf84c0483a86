# Seed: multi-container patterns — nginx with two busybox sidecars streaming its log files
kubectl apply -f nginx-sidecar.yaml
sleep 10
kubectl get pods
# nginx logs to files on the shared emptyDir, so its own log holds only the entrypoint lines
kubectl logs nginx-sidecar -c nginx
kubectl logs nginx-sidecar -c sidecar-error
# send two requests from inside the pod (the containers share localhost)
kubectl exec nginx-sidecar -c sidecar-access -- wget -qO- localhost
kubectl exec nginx-sidecar -c sidecar-access -- wget -qO- localhost/missing.html
sleep 2
kubectl logs nginx-sidecar -c sidecar-access
kubectl logs nginx-sidecar -c sidecar-error --tail 1
kubectl logs nginx-sidecar
