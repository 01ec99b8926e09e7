from enum import StrEnum


class ExportScheduleFormat(StrEnum):
    CSV = "csv"
    ICS = "ics"
    KUEUE = "kueue"
    MSPDI = "mspdi"
    XLSX = "xlsx"

    def __str__(self) -> str:
        return str(self.value)
