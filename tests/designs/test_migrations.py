import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_models_have_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
