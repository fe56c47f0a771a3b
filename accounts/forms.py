from django.contrib.auth.forms import UserCreationForm


class SignupForm(UserCreationForm):
    """Django's own: a username and a password typed twice, checked by the validators."""

    def validate_password_for_user(self, user, password_field_name="password1"):
        # Django puts the validators' messages ("too common", "too short") under the
        # confirmation field; they are about the password chosen, so they go under it.
        super().validate_password_for_user(user, password_field_name=password_field_name)
