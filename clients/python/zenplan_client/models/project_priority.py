from enum import StrEnum


class ProjectPriority(StrEnum):
    COULD = "could"
    MUST = "must"
    SHOULD = "should"

    def __str__(self) -> str:
        return str(self.value)
