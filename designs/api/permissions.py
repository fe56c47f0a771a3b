from rest_framework.permissions import SAFE_METHODS, BasePermission


class IsOwnerOrReadOnly(BasePermission):
    """Anyone who can see a design may read it; only its owner may change it.
    The examples have no owner: nobody changes them through the API."""

    message = "only the design's owner may change it"

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return obj.owner_id is not None and obj.owner_id == request.user.id
