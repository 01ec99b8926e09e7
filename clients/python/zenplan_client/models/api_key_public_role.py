from enum import StrEnum


class ApiKeyPublicRole(StrEnum):
    ADMIN = "admin"
    PLANNER = "planner"
    VIEWER = "viewer"

    def __str__(self) -> str:
        return str(self.value)
