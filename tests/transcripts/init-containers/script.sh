# Seed: multi-container patterns / Pod basics — myapp-pod waits on two Services (Init:0/2 -> Init:1/2 -> Running)
kubectl apply -f myapp.yaml
sleep 20
kubectl get pods
kubectl describe pod myapp-pod
kubectl logs myapp-pod -c init-myservice --tail 6
kubectl logs myapp-pod -c init-mydb
kubectl logs myapp-pod
# Create the first Service: the first init container finishes, the second starts waiting.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: myservice
spec:
  ports:
  - protocol: TCP
    port: 80
    targetPort: 9376
EOF
sleep 5
kubectl get pods
kubectl apply -f services.yaml
sleep 10
kubectl get pods
kubectl logs myapp-pod
kubectl logs myapp-pod -c init-mydb --tail 4
kubectl get svc
