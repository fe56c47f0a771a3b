from django.contrib.staticfiles import finders
from whitenoise.storage import CompressedManifestStaticFilesStorage

# What the plotly package ships beside plotly.js (its datasets, templates and widget bundle):
# not served, so collectstatic copies and compresses less.
IGNORED = ["datasets", "templates", "widgetbundle.js"]


class FileSystemFinder(finders.FileSystemFinder):
    """The STATICFILES_DIRS finder, leaving out IGNORED."""

    def list(self, ignore_patterns):
        return super().list([*(ignore_patterns or []), *IGNORED])


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's compressed storage, named by content hash, that also rewrites the page
    scripts' ES module imports (`import { poll } from "../lib/http.js"`) to the hashed
    names: a page script and what it imports are cached for a year and replaced together."""

    support_js_module_import_aggregation = True
