"""Write the provisional gold split (training/splits.json) until the annotations
package's manifest replaces it: ``python -m training.splits``."""
from __future__ import annotations

import json

from gikp_nlp.model.gold import PROVISIONAL_SPLIT_FILE, _read_dir, provisional_split, shared_gold_dir

DEV_SHARE = 0.2
TEST_SHARE = 0.2


def main() -> None:
    ids = sorted(_read_dir(shared_gold_dir()))
    split = provisional_split(ids, DEV_SHARE, TEST_SHARE)
    split["note"] = "provisional split by sha256(id); replaced by the annotations manifest when it lands"
    PROVISIONAL_SPLIT_FILE.write_text(json.dumps(split, indent=1) + "\n", encoding="utf-8")
    print({k: len(v) for k, v in split.items() if k != "note"})


if __name__ == "__main__":
    main()
