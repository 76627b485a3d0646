from django.conf import settings
from django_tasks import task

from public_register import warming

# A change naming more licences than this (a bulk change) leaves them to the first visitors.
PRERENDER_MAX = 20


@task()
def prerender_licence_pages(urns: list[str]) -> dict:
    """Render the changed licences' pages into the page cache, so the first visitor after a
    change is served from the cache too."""
    return {"rendered": warming.warm(urns)}


def schedule_prerender(*, urns=None, **kwargs) -> None:
    """After a committed change to some providers: queue the re-render of their licences."""
    if settings.PUBLIC_PAGES_PRERENDER and urns and len(urns) <= PRERENDER_MAX:
        prerender_licence_pages.enqueue(list(urns))
