"""JupyterHub for the course: one machine (classroom, jupyterhub_config) and Kubernetes (k8s/)."""
