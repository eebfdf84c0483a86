# kubectl create generators: service (clusterip, nodeport, externalname, headless) and job
kubectl create deployment web --image=nginx:1.27 --replicas=2
kubectl create service clusterip web --tcp=80:80
kubectl create service nodeport web-np --tcp=8080:80 --node-port=30090
kubectl create service externalname ext --external-name=example.com
kubectl create service clusterip headless --clusterip=None
kubectl create service clusterip bad
kubectl create service foo x
kubectl create service clusterip web --tcp=80 --dry-run=client -o yaml
kubectl create job once --image=busybox:1.36 -- echo hi
kubectl create job nothing
kubectl create job twice --image=busybox:1.36 --dry-run=client -o yaml -- sh -c "echo one; echo two"
sleep 20
kubectl get svc,ep
kubectl get jobs
kubectl logs job/once
kubectl create service loadbalancer web-lb --tcp=80:80
sleep 10
kubectl describe svc web web-np web-lb ext
kubectl create deployment web2 --image=nginx --replicas=2 --dry-run=client -o yaml
