# Seed: Deployments/health checks — the liveness image ships /tmp/healthy; deleting it makes
# `cat /tmp/healthy` fail and the container is restarted with a fresh filesystem.
kubectl apply -f liveness-pod.yaml
kubectl apply -f liveness-pod-tcp.yaml
sleep 15
kubectl get pods
kubectl exec liveness-pod -- cat /tmp/healthy
kubectl exec liveness-pod -- rm /tmp/healthy
sleep 15
kubectl get pods
sleep 40
kubectl get pods
kubectl describe pod liveness-pod
kubectl exec liveness-pod -- cat /tmp/healthy
kubectl exec liveness-pod-tcp -- wget -qO- localhost:8080
