"""Which database each request reads from when a read replica is configured
(core.dbrouter): anonymous public GETs from the replica, everything else, and anything read
after a write in the same request, from the primary."""

from django.test import RequestFactory

from core.dbrouter import ReplicaReadsMiddleware, ReplicaRouter
from licensing.models import Licence

router = ReplicaRouter()


def reads_from(request, *, write_first=False):
    """The database the router picks for a read inside `request`, as a view would see it."""

    def view(request):
        if write_first:
            assert router.db_for_write(Licence) == "default"
        return router.db_for_read(Licence)

    return ReplicaReadsMiddleware(view)(request)


def test_anonymous_public_reads_go_to_the_replica():
    factory = RequestFactory()
    for path in (
        "/register/EARL0002/",
        "/register/?q=fen",
        "/api/v1/licences/EARL0002",
        "/open-data/register.csv",
    ):
        assert reads_from(factory.get(path)) == "replica", path


def test_a_read_after_a_write_in_the_same_request_goes_to_the_primary():
    assert reads_from(RequestFactory().get("/register/EARL0002/"), write_first=True) == "default"


def test_signed_in_visitors_posts_and_private_pages_read_from_the_primary():
    factory = RequestFactory()
    signed_in = factory.get("/register/EARL0002/")
    signed_in.COOKIES["sessionid"] = "abc"
    assert reads_from(signed_in) == "default"
    assert reads_from(factory.post("/api/v1/bulk-check")) == "default"
    assert reads_from(factory.get("/office/")) == "default"
    assert reads_from(factory.get("/portal/")) == "default"


def test_outside_a_request_everything_reads_from_the_primary():
    reads_from(RequestFactory().get("/register/EARL0002/"))
    assert router.db_for_read(Licence) == "default"
    assert router.allow_migrate("replica", "licensing") is False
    assert router.allow_migrate("default", "licensing") is True
