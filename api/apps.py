from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"

    def ready(self):
        from api.tasks import schedule_rebuild
        from core.pagecache import register_committed

        register_committed.connect(schedule_rebuild, dispatch_uid="api.exports")
