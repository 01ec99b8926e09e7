from enum import StrEnum


class JobPublicKind(StrEnum):
    REPLAN = "replan"
    SOLVE = "solve"

    def __str__(self) -> str:
        return str(self.value)
