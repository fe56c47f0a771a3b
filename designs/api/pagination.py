"""Pages of the design list: a `page` that is not a page number answers 400 naming it."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class DesignPagination(PageNumberPagination):
    """PAGE_SIZE a page. A page past the end is still Django REST framework's 404."""

    def get_page_number(self, request, paginator):
        number = str(super().get_page_number(request, paginator))
        if number in self.last_page_strings or (
            number.isascii() and number.isdigit() and int(number) > 0
        ):
            return number
        raise ValidationError({self.page_query_param: ["must be a page number: 1, 2, ..."]})
