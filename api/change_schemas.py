"""The shapes of a changes-feed entry's public record (``licensing.public_record``)."""

from datetime import date

from ninja import Schema


class LicenceRecordOut(Schema):
    urn: str
    status: str
    granted_on: date | None
    last_renewed_on: date | None
    expires_on: date | None
    suspended_on: date | None
    revoked_on: date | None
    surrendered_on: date | None
    expired_on: date | None
    conditions_in_force: list[str]


class ProviderRecordOut(Schema):
    """The provider's whole public record after the change, as the open data publishes it:
    a copy of the register replaces the provider's record with it. An empty status: the
    provider left the register (and only `provider` and `status` are given)."""

    provider: int
    status: str
    refused_on: date | None = None
    holder_name: str | None = None
    trading_names: list[str] = []
    company_number: str | None = None
    town: str | None = None
    country: str | None = None
    sectors: list[str] = []
    recruits_from: list[str] = []
    supplies_to: list[str] = []
    principal_authority: str | None = None
    alternative_business_representatives: list[str] = []
    licences: list[LicenceRecordOut] = []
