from django.contrib.auth.forms import UserCreationForm


class SignupForm(UserCreationForm):
    """Django's own: a username and a password typed twice, checked by the validators."""
