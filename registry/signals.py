"""Keep each provider's register entry in step with its licences, refusals and applications,
whichever service, admin action or fixture saves them."""

from django.db.models.signals import post_delete, post_save

from registry.services import refresh_register_entries


def _refresh_provider(sender, instance, **kwargs):
    if instance.provider_id:
        refresh_register_entries(provider_ids=[instance.provider_id])


def connect():
    from licensing.models import AdverseDecision, Application, Licence

    for model in (Licence, AdverseDecision, Application):
        post_save.connect(
            _refresh_provider, sender=model, dispatch_uid=f"register-{model.__name__}"
        )
        post_delete.connect(
            _refresh_provider, sender=model, dispatch_uid=f"register-delete-{model.__name__}"
        )
