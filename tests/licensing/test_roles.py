import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "persona,perm,expected",
    [
        ("licensing_officer", "licensing.decide_application", True),
        ("inspector", "licensing.decide_application", False),
        ("inspector", "licensing.manage_licence", False),
        ("decision_maker", "licensing.manage_licence", True),
        ("administrator", "api.add_apikey", True),
        ("administrator", "api.add_webhooksubscription", True),
        ("editor", "licensing.view_application", False),
    ],
)
def test_roles_carry_the_permissions_of_the_job(request, persona, perm, expected):
    user = request.getfixturevalue(persona)
    assert user.has_perm(perm) is expected
