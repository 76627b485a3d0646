"""Gunicorn settings for production: `gunicorn -c config/gunicorn.conf.py config.wsgi`."""

import logging
import os

# Behind the reverse proxy on the same host; BIND=0.0.0.0:8000 (for example) only when the
# proxy is elsewhere, and then list it in TRUSTED_PROXIES.
bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
# A bulk check of 10,000 suppliers takes a few seconds; leave room for it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
accesslog = "-"


def post_worker_init(worker):
    """Build the bulk check's name index before the first request instead of during it."""
    from django.db import DatabaseError

    from api.matching import name_index

    try:
        name_index()
    except DatabaseError:
        # The worker still serves; the index is built by the first bulk check instead.
        logging.getLogger(__name__).warning("Name index not built at start: database error")
