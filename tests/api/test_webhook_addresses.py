"""Webhook addresses: https to public addresses only, checked when saved and when posting."""

import socket
import ssl

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError

from api import egress, webhooks
from api.models import WebhookDelivery, WebhookSubscription
from licensing import workflow
from tests.api.factories import licensed

pytestmark = pytest.mark.django_db

PUBLIC = "93.184.215.14"


@pytest.fixture
def dns(monkeypatch):
    """Host name → addresses, instead of the real resolver."""
    table = {"hooks.buyer.example": [PUBLIC]}

    def getaddrinfo(host, port, *args, **kwargs):
        if host in table:
            addresses = table[host]
        else:
            try:
                addresses = [str(egress.ipaddress.ip_address(host))]
            except ValueError:
                raise socket.gaierror(socket.EAI_NONAME, "not found") from None
        return [
            (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
            for a in addresses
        ]

    monkeypatch.setattr(egress.socket, "getaddrinfo", getaddrinfo)
    return table


def subscription(url):
    return WebhookSubscription(organisation="Buyer plc", url=url, watch_all=True)


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.buyer.example/",
        "https://127.0.0.1:6379/",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.1.2.3/",
        "https://192.168.0.1/",
        "https://[::1]/",
        "https://[fd00:ec2::254]/",
        "https://[::ffff:127.0.0.1]/",
        "https://100.100.100.200/",
        "https://internal.buyer.example/",
        "https://rebind.buyer.example/",
        "https://missing.buyer.example/",
        "ftp://hooks.buyer.example/",
    ],
)
def test_private_and_plain_http_addresses_are_refused_when_saved(dns, url):
    dns["internal.buyer.example"] = ["10.0.0.5"]
    dns["rebind.buyer.example"] = [PUBLIC, "127.0.0.1"]

    with pytest.raises(ValidationError) as refused:
        subscription(url).full_clean()

    assert "url" in refused.value.message_dict


def test_a_public_https_address_is_accepted(dns):
    subscription("https://hooks.buyer.example/register").full_clean()


def test_the_admin_form_says_why_an_address_is_refused(dns, rf, administrator):
    admin = site._registry[WebhookSubscription]
    request = rf.get("/")
    request.user = administrator
    form_class = admin.get_form(request)
    form = form_class(
        {
            "organisation": "Buyer plc",
            "url": "https://127.0.0.1/",
            "watch_all": "on",
            "secret": "s",
            "is_active": "on",
        }
    )

    assert not form.is_valid()
    assert "not a public internet address" in form.errors["url"][0]


class Recorder:
    """Stands in for socket.create_connection: records where the post would connect."""

    def __init__(self, peer):
        self.peer = peer
        self.connected = []

    def __call__(self, address, timeout=None, *args, **kwargs):
        self.connected.append(address)
        recorder = self

        class Socket:
            def getpeername(self):
                return (recorder.peer, address[1])

            def close(self):
                recorder.closed = True

        return Socket()


def test_the_post_connects_to_the_vetted_address_with_the_host_name_for_tls(dns, monkeypatch):
    recorder = Recorder(peer=PUBLIC)
    wrapped = {}

    def wrap_socket(context, sock, server_hostname=None, **kwargs):
        wrapped["server_hostname"] = server_hostname
        raise ssl.SSLError("stop here")

    monkeypatch.setattr(egress.socket, "create_connection", recorder)
    monkeypatch.setattr(ssl.SSLContext, "wrap_socket", wrap_socket)

    with pytest.raises(ssl.SSLError):
        egress.post_json("https://hooks.buyer.example/register", b"{}", {})

    assert recorder.connected == [(PUBLIC, 443)]
    assert wrapped["server_hostname"] == "hooks.buyer.example"


def test_a_host_that_now_resolves_to_a_private_address_is_refused_when_posting(dns, monkeypatch):
    recorder = Recorder(peer="10.0.0.5")
    monkeypatch.setattr(egress.socket, "create_connection", recorder)
    dns["hooks.buyer.example"] = ["10.0.0.5"]

    with pytest.raises(egress.RefusedAddress):
        egress.post_json("https://hooks.buyer.example/register", b"{}", {})

    assert recorder.connected == []


def test_a_connection_that_reaches_another_address_is_dropped(dns, monkeypatch):
    recorder = Recorder(peer="127.0.0.1")
    monkeypatch.setattr(egress.socket, "create_connection", recorder)

    with pytest.raises(egress.RefusedAddress):
        egress.post_json("https://hooks.buyer.example/register", b"{}", {})

    assert recorder.closed


def test_no_redirect_is_followed_and_no_proxy_or_body_is_used(dns, monkeypatch):
    requests = []

    class Response:
        status = 302

        def read(self, *args):
            raise AssertionError("the body is never read")

    def request(self, method, target, body=None, headers=None):
        requests.append((self.host, self.port, method, target))

    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.internal:3128")
    monkeypatch.setattr(egress.PinnedHTTPSConnection, "request", request)
    monkeypatch.setattr(egress.PinnedHTTPSConnection, "getresponse", lambda self: Response())

    status = egress.post_json("https://hooks.buyer.example/register?x=1", b"{}", {})

    assert status == 302
    assert requests == [("hooks.buyer.example", 443, "POST", "/register?x=1")]


def test_a_refused_address_is_recorded_as_a_failure_without_any_response(dns):
    licence = licensed("Anglia Field Labour Ltd", urn="ANGL0001")
    WebhookSubscription.objects.create(
        organisation="Buyer plc", url="https://hooks.buyer.example/", watch_all=True
    )
    dns["hooks.buyer.example"] = ["169.254.169.254"]
    workflow.audit(actor=None, action="suspend", obj=licence, public=True)
    webhooks.queue_deliveries()

    assert webhooks.send_due() == {"delivered": 0, "retry": 1, "failed": 0}
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status_code, delivery.failure) == (None, "RefusedAddress")
    assert not hasattr(delivery, "response_snippet")
