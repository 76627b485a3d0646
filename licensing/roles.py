"""Regulator roles as groups with permissions, kept in step after every migrate."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

ROLE_PERMISSIONS = {
    "Licensing officer": [
        "licensing.view_application",
        "licensing.process_application",
        "licensing.decide_application",
        "licensing.record_fee",
        "licensing.view_licence",
        "licensing.manage_conditions",
        "licensing.view_auditentry",
        "registry.view_labourprovider",
        "registry.view_person",
        "inspections.view_inspection",
        "inspections.view_feeviolation",
        "inspections.view_concern",
    ],
    "Inspector": [
        "licensing.view_application",
        "licensing.view_licence",
        "registry.view_labourprovider",
        "registry.view_person",
        "inspections.view_inspection",
        "inspections.schedule_inspection",
        "inspections.record_findings",
        "inspections.view_feeviolation",
        "inspections.view_concern",
    ],
    "Decision maker": [
        "licensing.view_application",
        "licensing.process_application",
        "licensing.decide_application",
        "licensing.view_licence",
        "licensing.manage_licence",
        "licensing.manage_conditions",
        "licensing.view_auditentry",
        "registry.view_labourprovider",
        "registry.view_person",
        "inspections.view_inspection",
        "inspections.schedule_inspection",
        "inspections.review_report",
        "inspections.view_feeviolation",
        "inspections.order_repayment",
        "inspections.view_concern",
        "inspections.triage_concern",
        "inspections.view_reporter_identity",
    ],
    "Administrator": [
        "licensing.*",
        "registry.*",
        "inspections.*",
        "api.*",
        "wagtailadmin.access_admin",
    ],
    "Editor": [
        "wagtailadmin.access_admin",
    ],
}


# Editors write the public site: pages anywhere in the tree, and the images and documents
# those pages use. Wagtail grants these on a page or collection, not as model permissions.
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page")
EDITOR_COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}


def permissions_for(specs: list[str]):
    query = Q(pk__in=[])
    for spec in specs:
        app_label, codename = spec.split(".", 1)
        if codename == "*":
            query |= Q(content_type__app_label=app_label)
        else:
            query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(query)


def ensure_roles(**kwargs):
    for name, specs in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions_for(specs))
    ensure_editor_page_permissions()


def ensure_editor_page_permissions():
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    group = Group.objects.filter(name="Editor").first()
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if group is None or root_page is None or root_collection is None:
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=EDITOR_PAGE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page=root_page, permission=permission
        )
    for app_label, codenames in EDITOR_COLLECTION_PERMISSIONS.items():
        for permission in Permission.objects.filter(
            content_type__app_label=app_label, codename__in=codenames
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )
