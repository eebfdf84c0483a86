# Seed: Pod basics — an exec liveness probe: /tmp/healthy exists for 30 s, then the probe
# fails three times (failureThreshold) and the kubelet restarts the container.
kubectl apply -f liveness.yaml
sleep 25
kubectl describe pod liveness-exec
sleep 20
kubectl get pod liveness-exec
kubectl describe pod liveness-exec
sleep 40
kubectl get pod liveness-exec
sleep 5m
kubectl get pod liveness-exec
