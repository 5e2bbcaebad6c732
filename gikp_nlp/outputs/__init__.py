"""What people open: one row definition (``rows``) behind ``Report.to_frame``, CSV,
Parquet and Excel, and JSON Lines for machines. Writers take report dicts
(``Report.to_dict()`` plus ``file``) so a resumed batch, whose reports come
back from disk, writes the same files as a fresh one."""
from gikp_nlp.outputs.rows import (
    CHECK_COLUMNS,
    COLUMN_TYPES,
    MENTION_COLUMNS,
    RECORD_COLUMNS,
    check_rows,
    mention_rows,
    record_rows,
)
from gikp_nlp.outputs.writers import (
    OUTPUT_FORMATS,
    CsvWriter,
    JsonlWriter,
    write_excel,
    write_parquet,
    write_table_output,
)

__all__ = [
    "CHECK_COLUMNS", "COLUMN_TYPES", "MENTION_COLUMNS", "OUTPUT_FORMATS", "RECORD_COLUMNS", "CsvWriter",
    "JsonlWriter", "check_rows", "mention_rows", "record_rows", "write_excel", "write_parquet",
    "write_table_output",
]
