# Seed: Pod basics — environment variables set in the pod spec
kubectl apply -f env.yaml
sleep 10
kubectl exec nginx-pod -- printenv env_name
kubectl exec nginx-pod -- env
kubectl describe pod nginx-pod
