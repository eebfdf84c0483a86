# kubectl expose: a Service whose selector, ports and labels come from the object it exposes
kubectl create deployment web --image=nginx --port=80 --replicas=2
# what would be created
kubectl expose deployment web --dry-run=client -o yaml
kubectl expose deployment web
kubectl expose deployment web
# another name, a NodePort, a service port that differs from the container port
kubectl expose deploy/web --name=web-np --type=NodePort --port=8080 --target-port=80
# a Service exposes the same pods again; its ports are copied
kubectl expose svc web --name=web-affinity --session-affinity=ClientIP
kubectl run client --image=busybox:1.36 -- sleep 1d
kubectl rollout status deployment/web
kubectl wait --for=condition=Ready pod/client
kubectl get svc,ep
kubectl get svc web-np -o jsonpath='{.spec.ports[0].port}/{.spec.ports[0].targetPort}{"\n"}'
kubectl get svc web-affinity -o jsonpath='{.spec.sessionAffinity}{"\n"}'
kubectl exec client -- wget -qO- web
kubectl exec client -- wget -qO- web-np:8080
# several container ports become port-1, port-2 ...; each keeps its protocol
kubectl apply -f frontend.yaml
kubectl expose rs frontend --dry-run=client -o yaml
kubectl expose rs frontend --port=80 --labels=app=frontend,team=shop -n default --dry-run=client -o yaml
kubectl expose rs frontend
kubectl get svc frontend
# mistakes
kubectl expose pod client
kubectl create configmap settings --from-literal=color=blue
kubectl expose configmap settings --port=80
kubectl apply -f picky.yaml
kubectl expose deployment picky
kubectl expose deployment nope --port=80
kubectl expose deployment web --name=web-sa --session-affinity=Sticky
kubectl expose deployment web --name=web-bad --port=http
kubectl expose deployment web --name=web-bad --selector=app
kubectl expose deployment web --name=web-bad --type=External
kubectl expose
