"""`gikp labels`: the taxonomy as a table or JSON."""
import json

from gikp_nlp.cli import main


def test_cli_labels_prints_every_indicator(capsys, taxonomy):
    assert main(["labels"]) == 0
    out = capsys.readouterr().out
    assert all(ind_id in out for ind_id in taxonomy.ids)
    assert f"{len(taxonomy)} indicators" in out


def test_cli_labels_json(capsys, taxonomy):
    assert main(["labels", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in data] == list(taxonomy.ids)
