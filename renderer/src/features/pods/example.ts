// The YAML the Play panel starts with: a Deployment of busybox's web server
// and a Service in front of it, the smallest file that shows both.

export const EXAMPLE_FILE = 'hello-web.yaml';

export const EXAMPLE_YAML = `# A Deployment: run this pod, and keep \`replicas\` copies of it.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello-web
  labels:
    app: hello-web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: hello-web
  template:
    metadata:
      labels:
        app: hello-web
    spec:
      containers:
        - name: httpd
          image: busybox:latest
          # Use the image the engine has; pull only when it is missing.
          imagePullPolicy: IfNotPresent
          command: ["sh", "-c", "mkdir -p /www && echo hello from a pod > /www/index.html && httpd -f -p 8080 -h /www"]
          ports:
            - containerPort: 8080
---
# A Service: one name and port in front of the pods labelled app: hello-web.
apiVersion: v1
kind: Service
metadata:
  name: hello-web
spec:
  selector:
    app: hello-web
  ports:
    - port: 8080
      targetPort: 8080
`;
