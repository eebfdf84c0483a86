# Container faults: signals to PID 1, the runtime's stop, and a memory hog against a limit.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  nodeName: node01
  containers:
  - name: nginx
    image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: hog
spec:
  nodeName: node01
  containers:
  - name: app
    image: busybox:1.36
    command: ['sh', '-c', 'while true; do sleep 5; done']
    resources:
      limits:
        memory: 64Mi
EOF
sleep 20
kubectl get pods
# nginx handles SIGTERM: it shuts down, exits 0, and the kubelet starts it again.
kubectl exec web -- kill 1
sleep 3
kubectl get pods
kubectl describe pod web | grep -A4 'Last State'
# A container's PID 1 gets no signal it has no handler for, and never SIGKILL from inside.
kubectl exec hog -- kill -9 1
kubectl exec hog -- kill 1
kubectl exec hog -- kill 12
sleep 3
kubectl get pod hog
# The runtime's view of the node; crictl stop with no timeout is an immediate SIGKILL.
ssh node01 crictl ps --name app
ssh node01 crictl stop $(ssh node01 crictl ps -q --name app)
sleep 3
kubectl get pod hog
kubectl describe pod hog | grep -A4 'Last State'
ssh node01 crictl ps -a --name app
# tail buffers /dev/zero's endless first line until the 64Mi limit: OOMKilled.
kubectl exec -it hog -- sh
tail /dev/zero
sleep 3
kubectl get pod hog
kubectl describe pod hog | grep -A4 'Last State'
kubectl get events --field-selector involvedObject.name=hog
ssh node01 systemctl is-active kubelet
