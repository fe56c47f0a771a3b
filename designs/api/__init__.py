"""The REST API under /api/ (docs/api.md): Django REST framework views over the services."""
