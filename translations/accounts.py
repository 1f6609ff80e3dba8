"""Sign-in with a limit on failed attempts, and the page where users manage API tokens."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from translations.models import ApiToken
from translations.tokens import create_token, revoke_token
from workbench.errors import WorkbenchError


def client_address(request) -> str:
    """Return the client's address (the proxy's forwarded one when configured)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "unknown")


class ThrottledLoginView(auth_views.LoginView):
    """Django's sign-in page that refuses an address after too many failed attempts."""

    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        key = f"login-failures:{client_address(request)}"
        if cache.get(key, 0) >= settings.LOGIN_FAILURE_LIMIT:
            minutes = settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
            # An unbound form: the password is not even checked while the limit holds.
            context = self.get_context_data(
                form=self.get_form_class()(request),
                throttled=f"Too many failed sign-ins from here; wait {minutes} minutes.",
            )
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        key = f"login-failures:{client_address(self.request)}"
        cache.add(key, 0, settings.LOGIN_FAILURE_WINDOW_SECONDS)
        cache.incr(key)
        return super().form_invalid(form)


@login_required
def tokens(request):
    """List the user's API tokens; the form creates one and shows its key once."""
    new_key = None
    if request.method == "POST":
        try:
            _, new_key = create_token(request.user, request.POST.get("name", ""))
        except WorkbenchError as exc:
            messages.error(request, exc.message)
    owned = ApiToken.objects.filter(user=request.user).order_by("-created")
    return render(request, "translations/tokens.html", {"tokens": owned, "new_key": new_key})


@login_required
@require_POST
def token_revoke(request, pk):
    """Revoke one of the user's tokens; it stops working at once."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token)
    messages.success(request, f"Token {token.name!r} revoked.")
    return redirect("tokens")
