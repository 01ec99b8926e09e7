from enum import StrEnum


class ProjectPinType0(StrEnum):
    NOT_SELECTED = "not_selected"
    SELECTED = "selected"

    def __str__(self) -> str:
        return str(self.value)
