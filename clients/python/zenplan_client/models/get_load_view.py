from enum import StrEnum


class GetLoadView(StrEnum):
    FLOW = "flow"
    GPUS = "gpus"
    OVERVIEW = "overview"
    SKILLS = "skills"

    def __str__(self) -> str:
        return str(self.value)
