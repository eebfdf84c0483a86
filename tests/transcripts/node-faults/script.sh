# Node maintenance and node failure: cordon, drain, and a kubelet that stops.
kubectl create deployment web --image=nginx:1.27 --replicas=4
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: bare
spec:
  nodeName: node01
  containers:
  - name: app
    image: nginx:1.27
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  replicas: 1
  selector:
    matchLabels:
      app: cache
  template:
    metadata:
      labels:
        app: cache
    spec:
      nodeSelector:
        kubernetes.io/hostname: node01
      containers:
      - name: redis
        image: redis:7
        volumeMounts:
        - name: data
          mountPath: /data
      volumes:
      - name: data
        emptyDir: {}
EOF
kubectl rollout status deployment/web
kubectl expose deployment web --port=80
sleep 5
kubectl get pods -o wide
kubectl cordon node01
kubectl cordon node01
kubectl get nodes
kubectl describe node node01 | grep -E 'Taints|Unschedulable'
kubectl uncordon node01
kubectl drain node01
kubectl drain node01 --ignore-daemonsets
kubectl drain node01 --ignore-daemonsets --delete-emptydir-data
kubectl drain node01 --ignore-daemonsets --delete-emptydir-data --force
kubectl get pods -o wide
kubectl get nodes
kubectl uncordon node01
# The kubelet on node02 stops: the node goes quiet.
ssh node02
systemctl stop kubelet
systemctl status kubelet
exit
sleep 30
kubectl get nodes
sleep 20
kubectl get nodes
kubectl describe node node02 | grep -E -A10 '^Taints|^Conditions'
kubectl get endpoints web
kubectl get pods -o wide
kubectl describe pod -l app=web | grep -E '^Name:|NodeNotReady' | head -4
sleep 310
kubectl get pods -o wide
kubectl get events --field-selector reason=TaintManagerEviction
# The kubelet comes back: the node is Ready and the evicted pods finish terminating.
ssh node02
systemctl start kubelet
systemctl is-active kubelet
exit
sleep 10
kubectl get nodes
kubectl describe node node02 | grep Taints
kubectl get pods -o wide
