"""S3-compatible object storage for uploads and generated files (django-storages), chosen by
the settings when ``S3_BUCKET`` is set; local folders otherwise."""

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_storages(env) -> dict:
    """The ``default`` and ``private`` storages in one bucket, under two prefixes; empty
    when ``env`` names no bucket. Private files are only ever read through the views that
    check who is asking, so both are private objects; links to them expire."""
    bucket = env.get("S3_BUCKET", "")
    if not bucket:
        return {}
    options = {
        "bucket_name": bucket,
        "endpoint_url": env.get("S3_ENDPOINT_URL") or None,
        "region_name": env.get("S3_REGION") or None,
        # Without keys, boto3 finds credentials itself (instance role, AWS_* variables).
        "access_key": env.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": env.get("S3_SECRET_ACCESS_KEY") or None,
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": True,
    }
    return {
        "default": {"BACKEND": S3_BACKEND, "OPTIONS": {**options, "location": "public"}},
        "private": {"BACKEND": S3_BACKEND, "OPTIONS": {**options, "location": "private"}},
    }
