"""Running manage.py commands in-process, as a user would."""

from django.core.management import ManagementUtility


def run_manage(*argv) -> int:
    """Run `manage.py <argv>` in-process, returning its exit status."""
    try:
        ManagementUtility(["manage.py", *argv]).execute()
    except SystemExit as exit_:
        return exit_.code
    return 0
