# Readiness: the readiness image answers /readiness with 200 while /tmp/healthy exists
kubectl apply -f readiness.yaml
sleep 15
kubectl get pod readiness-pod
kubectl exec readiness-pod -- rm /tmp/healthy
sleep 20
# Not ready, but still Running: readiness never restarts a container
kubectl get pod readiness-pod
kubectl describe pod readiness-pod | grep -A3 Conditions
kubectl get events --field-selector reason=Unhealthy
kubectl exec readiness-pod -- touch /tmp/healthy
sleep 10
kubectl get pod readiness-pod
# A startup probe holds the liveness probe back until the app has started
kubectl apply -f slow-start.yaml
sleep 30
kubectl get pod slow-start
sleep 40
kubectl get pod slow-start
# A container that keeps exiting: Error, then CrashLoopBackOff with growing back-off
kubectl apply -f crash.yaml
sleep 5
kubectl get pod crasher
sleep 30
kubectl get pod crasher
kubectl logs crasher
kubectl logs crasher --previous
sleep 3m
kubectl get pod crasher
kubectl describe pod crasher | grep -A6 "State:"
# An init container that fails under restartPolicy Never fails the pod
kubectl apply -f init-fail.yaml
# ... and under the default policy it is retried with back-off
kubectl apply -f init-retry.yaml
sleep 20
kubectl get pods init-fail init-retry
kubectl logs init-fail -c check
kubectl get pod init-fail -o jsonpath='{.status.phase}{"\n"}'
sleep 1m
kubectl get pod init-retry
