from enum import StrEnum


class ProjectEthics(StrEnum):
    APPROVED = "approved"
    NONE = "none"
    REQUIRED = "required"

    def __str__(self) -> str:
        return str(self.value)
