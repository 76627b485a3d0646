"""Factories for the API tests."""

from api.models import ApiKey
from tests.factories import LabourProviderFactory, LicenceFactory


def issue_key(*, limit_per_minute=600, is_active=True) -> tuple[ApiKey, str]:
    raw_key = ApiKey.new_raw_key()
    key = ApiKey(
        name="Procurement system",
        organisation="Buyer plc",
        limit_per_minute=limit_per_minute,
        is_active=is_active,
    )
    key.set_key(raw_key)
    key.save()
    return key, raw_key


def licensed(legal_name, *, urn, trading_names=(), company_number=None, country="GB"):
    kwargs = {"legal_name": legal_name, "trading_names": list(trading_names), "country": country}
    if company_number:
        kwargs["company_number"] = company_number
    return LicenceFactory(urn=urn, provider=LabourProviderFactory(**kwargs))
