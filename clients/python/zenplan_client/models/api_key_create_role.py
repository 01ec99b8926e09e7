from enum import StrEnum


class ApiKeyCreateRole(StrEnum):
    ADMIN = "admin"
    PLANNER = "planner"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
