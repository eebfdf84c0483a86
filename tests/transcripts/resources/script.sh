# Seed: Pod basics / resources — requests, limits, QoS, kubectl top, scheduling and OOM
kubectl create -f nginx-requests.yaml
sleep 10
kubectl describe pod nginx-pod
kubectl top pod
# The seed's second example: a memory limit of 16 (bytes) below its 200M request
kubectl apply -f limits-too-low.yaml
# No worker node has 4 CPUs to give
kubectl apply -f too-big.yaml
sleep 5
kubectl get pod too-big
kubectl describe pod too-big
# A container that allocates more than its limit is OOMKilled
kubectl apply -f oom.yaml
sleep 10
kubectl get pod memory-demo
kubectl get pod memory-demo -o jsonpath='{.status.containerStatuses[0].state.terminated.reason}{"\n"}'
kubectl top node
