# exec and logs on a workload pick one of its pods as kubectl does; -L adds label columns
kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl apply -f web-svc.yaml
sleep 20
kubectl get pods -L app,pod-template-hash
kubectl exec deploy/web -- hostname
kubectl exec svc/web -- cat /etc/hostname
kubectl logs deploy/web --tail=1
kubectl exec deploy/nope -- hostname
kubectl exec pod/web -- hostname
kubectl get deploy -L app,missing
