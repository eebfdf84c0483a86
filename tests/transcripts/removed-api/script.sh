# Seed: Deployments / Ingress — manifests written for APIs Kubernetes has removed, and the
# mistakes students make most, each answered as a current cluster answers.
kubectl apply -f hello-deployment.yaml
kubectl apply -f ingress.yaml
kubectl apply -f mistakes.yaml
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: typo
spec:
  contaners:
  - name: web
    image: nginx
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: no-image
spec:
  containers:
  - name: web
  - name: web
    image: nginx
    ports:
    - containerPort: 70000
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: init-probe
spec:
  initContainers:
  - name: init
    image: busybox
    command: ['sh', '-c', 'true']
    livenessProbe:
      exec:
        command: ['true']
  containers:
  - name: web
    image: nginx
EOF
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: 1web
spec:
  ports:
  - port: 80
EOF
# The node port allocator runs before validation, so its error comes alone.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  ports:
  - port: 80
    nodePort: 8080
EOF
kubectl get pod nothing-here
kubectl get foo
kubectl get pods --bogus
kubectl describe pod
kubectl logs
kubectl run web --image=nginx:doesnotexist
sleep 40
kubectl get pod web
kubectl describe pod web
