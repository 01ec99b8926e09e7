from enum import StrEnum


class GetGanttView(StrEnum):
    PEOPLE = "people"
    PROJECTS = "projects"

    def __str__(self) -> str:
        return str(self.value)
