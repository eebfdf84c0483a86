# Seed: Kubernetes #8 (Ingress) — path routing to two Services, in today's networking.k8s.io/v1
kubectl apply -f apps.yaml
sleep 30
kubectl get svc
# The article's manifest uses an API removed in Kubernetes 1.22
kubectl apply -f hello-ingress-v1beta1.yaml
kubectl apply -f hello-ingress.yaml
sleep 5
kubectl get ingress
kubectl get svc -n ingress-nginx
curl -s 192.168.2.2:30080/users/
curl -s 192.168.2.2:30080/products/list
curl -s 192.168.2.2:30080/orders
# a path without a pathType is rejected by the API server
kubectl apply -f - <<EOF
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: bad
spec:
  rules:
  - http:
      paths:
      - path: /x
        backend:
          service:
            name: users-node-svc
            port:
              number: 80
EOF
