from enum import StrEnum


class ProjectStatus(StrEnum):
    COMMITTED = "committed"
    DONE = "done"
    IN_PROGRESS = "in_progress"
    PROPOSED = "proposed"

    def __str__(self) -> str:
        return str(self.value)
