# describe for a Job and a DaemonSet (a per-node log agent, as the seed's logging examples use)
kubectl create job once --image=busybox:1.36 -- echo hi
kubectl apply -f log-agent.yaml
sleep 20
kubectl get jobs,ds
kubectl describe job once
kubectl describe ds log-agent
