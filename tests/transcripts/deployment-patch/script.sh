# Seed: Kubernetes #10 (Deployment) — changing the image with kubectl edit and kubectl patch
kubectl apply -f hello-deployment.yaml
sleep 40
# kubectl edit needs an editor: headless, it says what to use instead
kubectl edit deploy hello-deployment
# the article's patch, written as real multi-line YAML (strategic merge: the container is matched by name)
kubectl patch deployment hello-deployment --patch 'spec:
  template:
    spec:
      containers:
      - name: hello-deployment
        image: gcr.io/terrycho-sandbox/deployment:v2'
kubectl rollout status deployment/hello-deployment
kubectl get deploy hello-deployment -o jsonpath='{.spec.template.spec.containers[*].image}{"\n"}'
kubectl rollout history deployment/hello-deployment
# the same patch again changes nothing
kubectl patch deployment hello-deployment -p '{"spec":{"template":{"spec":{"containers":[{"name":"hello-deployment","image":"gcr.io/terrycho-sandbox/deployment:v2"}]}}}}'
# JSON merge patch and JSON patch
kubectl patch deploy hello-deployment --type merge -p '{"spec":{"replicas":2}}'
kubectl patch deploy hello-deployment --type json -p '[{"op":"replace","path":"/spec/replicas","value":4}]'
sleep 10
kubectl get deploy hello-deployment
# mistakes
kubectl patch deploy hello-deployment --type json -p '[{"op":"remove","path":"/spec/nothing"}]'
kubectl patch deploy hello-deployment --type json -p '{"op":"remove","path":"/spec/replicas"}'
kubectl patch deploy hello-deployment --type xml -p '{}'
kubectl patch deploy hello-deployment -p '{"spec":{"replicas":-1}}'
kubectl patch deploy hello-deployment
kubectl patch deploy nope -p '{"spec":{"replicas":1}}'
# kubectl set env changes the template too, so it rolls out like any template change
kubectl set env deployment/hello-deployment GREETING=hello MODE=demo
kubectl set env deployment/hello-deployment --list
kubectl set env deployment/hello-deployment MODE-
kubectl set env deployment/hello-deployment --list
kubectl set env deployment/hello-deployment
kubectl rollout history deployment/hello-deployment
