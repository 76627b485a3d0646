import pytest
from django.urls import reverse
from django.utils import timezone

from licensing import services, workflow
from licensing.models import Certificate
from tests.factories import PersonFactory, ProviderRoleFactory
from tests.public_site.factories import licensed_provider, refused_provider, staff

pytestmark = pytest.mark.django_db


def test_the_search_page_shows_results_with_status_and_sectors(anonymous):
    licensed_provider(legal_name="Fenland Harvest Staffing Ltd", urn="FENL0001")

    response = anonymous.get("/register/", {"q": "fenlnad harvest"})

    assert response.status_code == 200
    text = response.content.decode()
    assert "1 provider found" in text
    assert "Fenland Harvest Staffing Ltd" in text
    assert '<a href="/register/FENL0001/">Fenland Harvest Staffing Ltd</a>' in text
    assert "Licensed" in text
    assert "Agriculture" in text
    assert "max-age=60" in response["Cache-Control"]


def test_a_search_without_matches_says_so_and_suggests(anonymous):
    licensed_provider(legal_name="Fenland Harvest Ltd", urn="FENL0001")

    response = anonymous.get("/register/", {"q": "Fenlandia Crew"})

    text = response.content.decode()
    assert "No labour provider on the register matches your search." in text
    assert "Did you mean" in text
    assert "Fenland Harvest Ltd" in text


def test_results_are_paginated(anonymous):
    for n in range(25):
        licensed_provider(legal_name=f"Marsh Crew {n:02d} Ltd", urn=f"MARS{n + 1:04d}")

    first = anonymous.get("/register/", {"q": "marsh crew"}).content.decode()
    second = anonymous.get("/register/", {"q": "marsh crew", "page": 2}).content.decode()

    assert "25 providers found" in first
    assert "Page 1 of 2" in first
    assert "Page 2 of 2" in second
    assert second.count('class="result"') == 5


def test_the_licence_page_shows_the_public_record(anonymous):
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=actor, pa_name="Paula Pa")
    services.licence_suspend(licence=licence, actor=actor, reason="Investigation")

    response = anonymous.get(f"/register/{licence.urn}/")

    text = response.content.decode()
    assert response.status_code == 200
    assert "Anglia Crew Ltd" in text
    assert "Suspended: must not supply workers" in text
    assert "Paula Pa" in text
    assert "Licence granted" in text
    assert "Licence suspended" in text
    assert "Investigation" not in text  # staff's reasons stay internal
    assert response["ETag"]
    assert response["Last-Modified"]


def test_urn_lookup_is_case_insensitive_and_unknown_is_404(anonymous):
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")

    assert anonymous.get("/register/angl0001/", follow=True).request["PATH_INFO"] == (
        f"/register/{licence.urn}/"
    )
    assert anonymous.get("/register/NOPE0001/").status_code == 404


def test_the_licence_page_revalidates_and_changes_when_the_licence_changes(anonymous):
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=actor)
    first = anonymous.get(f"/register/{licence.urn}/")

    again = anonymous.get(f"/register/{licence.urn}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304

    services.licence_suspend(licence=licence, actor=actor, reason="Investigation")
    changed = anonymous.get(f"/register/{licence.urn}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert "Suspended" in changed.content.decode()


def test_the_record_pdf_is_stamped(anonymous):
    import pypdfium2

    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0002")

    response = anonymous.get(f"/register/{licence.urn}/record.pdf")

    assert response["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.content)
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "ANGL0002" in text
    assert "Produced on" in text
    assert "Anglia Crew Ltd" in text


def test_refused_and_revoked_providers_are_listed(anonymous):
    actor = staff()
    refused_provider(legal_name="Rogue Gang Ltd", actor=actor)
    licence = licensed_provider(legal_name="Fallen Crew Ltd", actor=actor)
    services.licence_revoke(licence=licence, actor=actor, reasons="Debt bondage", immediate=True)

    text = anonymous.get(reverse("public_site:refused_and_revoked")).content.decode()

    assert "Rogue Gang Ltd" in text
    assert "Fallen Crew Ltd" in text
    assert "Debt bondage" not in text
    search = anonymous.get("/register/", {"q": "rogue gang"}).content.decode()
    assert "Refused" in search


def test_verify_shows_the_live_status_of_a_genuine_code(anonymous):
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=actor)
    certificate = Certificate.objects.filter(licence=licence).latest("issued_at")

    ok = anonymous.get(f"/verify/{certificate.display_code.lower()}/")
    assert "GENUINE CERTIFICATE" in ok.content.decode()

    services.licence_revoke(licence=licence, actor=actor, reasons="Fraud", immediate=True)
    revoked = anonymous.get(f"/verify/{certificate.code}/")
    assert "LICENCE REVOKED" in revoked.content.decode()
    assert "no-cache" in revoked["Cache-Control"]


def test_verify_says_a_made_up_code_was_never_issued(anonymous):
    response = anonymous.get("/verify/AAAA-BBBB-CCCC/")

    assert response.status_code == 404
    assert "we never issued a certificate with this code" in response.content.decode()


def test_the_verify_form_goes_to_the_code(anonymous):
    response = anonymous.get("/verify/", {"code": "abcd efgh jkmn"})

    assert response.status_code == 302
    assert response["Location"] == "/verify/ABCDEFGHJKMN/"


def test_a_broad_name_search_says_there_are_more_than_it_ranks(anonymous, monkeypatch):
    monkeypatch.setattr("public_register.search.MAX_NAME_MATCHES", 3)
    monkeypatch.setattr("public_site.views.MAX_NAME_MATCHES", 3)
    for n in range(5):
        licensed_provider(legal_name=f"Marsh Crew {n:02d} Ltd", urn=f"MARS{n + 1:04d}")

    text = anonymous.get("/register/", {"q": "marsh crew"}).content.decode()

    assert "More than 3 providers found" in text
    assert "These are the 3 closest names" in text
    assert text.count('class="result"') == 3
    filtered = anonymous.get("/register/", {"sector": "", "status": "active"}).content.decode()
    assert "5 providers found" in filtered  # only name searches are capped
    anonymous.post("/i18n/setlang/", {"language": "pl", "next": "/register/"})
    polish = anonymous.get("/register/", {"q": "marsh crew"}).content.decode()
    assert "Znaleziono ponad 3 agencje" in polish
    assert "Oto 3 najbliższych nazw" in polish


def test_a_repeat_view_of_a_licence_page_reads_no_rows(anonymous, django_assert_num_queries):
    licence = licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")
    first = anonymous.get(f"/register/{licence.urn}/").content.decode()

    with django_assert_num_queries(0):  # the whole page is in the cache (core.pagecache)
        again = anonymous.get(f"/register/{licence.urn}/").content.decode()

    def main(page):
        return page[page.index("<main") : page.index("</main>")]

    assert main(again) == main(first)
    assert "Anglia Crew Ltd" in main(again)


def test_the_licence_page_shows_a_new_principal_authority_at_once(anonymous):
    actor = staff()
    licence = licensed_provider(legal_name="Anglia Crew Ltd", actor=actor, pa_name="Paula Old")
    assert "Paula Old" in anonymous.get(f"/register/{licence.urn}/").content.decode()

    # What deciding a change of Principal Authority does (licensing.services._apply_changes).
    old = licence.provider.roles.get()
    old.ended_on = timezone.localdate()
    old.save(update_fields=["ended_on"])
    ProviderRoleFactory(provider=licence.provider, person=PersonFactory(full_name="Nina New"))
    workflow.audit(
        actor=actor, action="named_individuals_changed", obj=licence.provider, public=True
    )

    text = anonymous.get(f"/register/{licence.urn}/").content.decode()
    assert "Nina New" in text
    assert "Paula Old" not in text


def test_the_filters_chosen_stay_chosen_on_the_results_page(anonymous):
    licensed_provider(legal_name="Anglia Crew Ltd", urn="ANGL0001")

    text = anonymous.get("/register/", {"country": "RO", "status": "revoked"}).content.decode()

    assert '<option value="RO" selected>' in text
    assert '<option value="revoked" selected>' in text
    form = text[text.index('role="search"') : text.index("</form>", text.index('role="search"'))]
    assert form.count(" selected>") == 2
    polish = anonymous.get("/register/", {"country": "DE"}, HTTP_ACCEPT_LANGUAGE="pl")
    assert '<option value="DE" selected>Niemcy</option>' in polish.content.decode()
