from django.contrib import admin

from designs.models import Design


@admin.register(Design)
class DesignAdmin(admin.ModelAdmin):
    """Read and delete only: every write goes through designs.services (validation, versions)."""

    list_display = ["name", "slug", "owner", "is_example", "is_public", "version", "updated_at"]
    list_filter = ["is_example", "is_public"]
    search_fields = ["name", "slug", "description"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
