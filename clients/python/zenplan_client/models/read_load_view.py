from enum import StrEnum


class ReadLoadView(StrEnum):
    FLOW = "flow"
    GPUS = "gpus"
    OVERVIEW = "overview"
    SKILLS = "skills"

    def __str__(self) -> str:
        return str(self.value)
