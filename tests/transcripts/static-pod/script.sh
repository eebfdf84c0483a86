# Seed: Pod basics / static pods — the kubelet runs manifests from /etc/kubernetes/manifests
kubectl get pods -n kube-system
ssh node01
cat /var/lib/kubelet/config.yaml | grep staticPodPath
ls /etc/kubernetes/manifests
cat > /etc/kubernetes/manifests/nginx-pod.yaml <<EOF
apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: nginx-pod
  name: nginx-pod
spec:
  containers:
  - image: nginx:latest
    name: nginx-pod
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
EOF
exit
sleep 30
kubectl get pods
# Deleting the mirror pod through the API does not stop it: the kubelet puts it back.
kubectl delete pod nginx-pod-node01
sleep 5
kubectl get pods
ssh node01
rm /etc/kubernetes/manifests/nginx-pod.yaml
exit
sleep 60
kubectl get pods
