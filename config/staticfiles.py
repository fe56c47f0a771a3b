from django.contrib.staticfiles import finders

# What the plotly package ships beside plotly.js (its datasets, templates and widget bundle):
# not served, so collectstatic copies and compresses less.
IGNORED = ["datasets", "templates", "widgetbundle.js"]


class FileSystemFinder(finders.FileSystemFinder):
    """The STATICFILES_DIRS finder, leaving out IGNORED."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *IGNORED])
