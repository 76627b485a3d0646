"""The email-verification step of signing in, for accounts that signed themselves up."""

from allauth.account import stages
from allauth.account.models import EmailAddress


class EmailVerificationStage(stages.EmailVerificationStage):
    """Sign-up through allauth always files the address, unverified, so a self-made account
    waits for its confirmation. Accounts an administrator creates (staff, imported agency
    users) file none: the administrator vouches for them, and they sign in at once."""

    def handle(self):
        # No user: allauth's stand-in sign-up for a registered address, answered as any other.
        user = self.login.user
        if user is not None and not EmailAddress.objects.filter(user_id=user.pk).exists():
            return None, True
        return super().handle()
