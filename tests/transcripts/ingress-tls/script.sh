# Ingress with TLS: a certificate in a kubernetes.io/tls Secret, HTTP redirected to HTTPS
kubectl create deployment web --image=nginx:1.27
kubectl expose deployment web --port=80
kubectl create secret tls web-tls --cert=tls.crt --key=tls.key
kubectl get secret web-tls
# the article's kubectl describe secret: the type, and only the size of each key
kubectl describe secret web-tls
kubectl apply -f web-ingress.yaml
sleep 30
kubectl get ingress web
# plain HTTP to a TLS host: ingress-nginx answers 308 with the https:// location
curl -si -H 'Host: web.example.com' http://192.168.2.2:30080/
# the certificate is self-signed, so curl refuses it unless told -k
curl -sS -H 'Host: web.example.com' https://192.168.2.2:30443/
# -s alone hides the message; the exit code says what happened
curl -s -H 'Host: web.example.com' https://192.168.2.2:30443/; echo "exit $?"
curl -sk -H 'Host: web.example.com' https://192.168.2.2:30443/ | grep title
kubectl create secret tls broken --cert=missing.crt --key=tls.key
