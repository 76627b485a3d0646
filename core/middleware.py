"""Request and response hardening shared by every app.

- A NUL byte in the path is never a real address: it answers 404 before any view,
  file storage or database lookup sees it (several of which raise on NUL).
- Pages of the office and the portal carry personal data: no shared or browser
  cache may keep them.
- Every response states the browser features the site never uses.
- The Content-Security-Policy forbids inline script everywhere except Wagtail's
  admin, whose own templates still carry inline scripts and styles (date pickers,
  inline panels); the editors there are trusted staff, and the relaxation stops
  at /admin/.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import Http404, JsonResponse

PRIVATE_PATH_PREFIXES = ("/office/", "/portal/")
WAGTAIL_ADMIN_PREFIX = "/admin/"
API_PREFIX = "/api/"

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

WAGTAIL_ADMIN_CSP = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in request.path_info:
            if request.path_info.startswith(API_PREFIX):
                # The API answers every error as JSON with a detail.
                return JsonResponse({"detail": "Not found."}, status=404)
            raise Http404("Not found")
        return self.get_response(request)


class SurfaceHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path_info.startswith(PRIVATE_PATH_PREFIXES):
            response["Cache-Control"] = "private, no-store"
            response.headers.pop("Expires", None)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the one relaxation Wagtail's admin needs."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(WAGTAIL_ADMIN_PREFIX) and parts.replace is None:
            parts.replace = WAGTAIL_ADMIN_CSP
        return parts
