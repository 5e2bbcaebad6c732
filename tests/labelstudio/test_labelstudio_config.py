"""The labeling config: well-formed, every indicator id, the controls the converter reads."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from gikp_nlp.annotations import tasks as fmt
from gikp_nlp.labelstudio.config import labeling_config
from gikp_nlp.schema.taxonomy import APPLICANTS


def test_labelstudio_config_is_xml_with_every_indicator_once(taxonomy):
    root = ET.fromstring(labeling_config(taxonomy))
    indicator = root.find(f".//Labels[@name='{fmt.INDICATOR}']")
    values = [label.get("value") for label in indicator.iter("Label")]
    assert values == list(taxonomy.ids)
    hints = {label.get("value"): label.get("hint") for label in indicator.iter("Label")}
    assert all(taxonomy[i].label in hints[i] for i in taxonomy.ids)


def test_labelstudio_config_groups_labels_by_section(taxonomy):
    root = ET.fromstring(labeling_config(taxonomy))
    groups = root.find(f".//Labels[@name='{fmt.INDICATOR}']").findall("View")
    sections = [g.find("Header").get("value") for g in groups]
    assert sections == list(dict.fromkeys(ind.section for ind in taxonomy.indicators))
    for group in groups:
        ids = {label.get("value") for label in group.iter("Label")}
        assert len({taxonomy[i].section for i in ids}) == 1


def test_labelstudio_config_controls_match_the_converter(taxonomy):
    root = ET.fromstring(labeling_config(taxonomy))
    names = [el.get("name") for el in root.iter() if el.get("name")]
    assert len(names) == len(set(names))  # Label Studio rejects duplicate names
    assert {fmt.INDICATOR, fmt.EVIDENCE, fmt.APPLICANT, fmt.VALUE, fmt.FLAGS, fmt.NOTE, fmt.TO_NAME} == set(names)
    for el in root.iter():
        if el.get("toName"):
            assert el.get("toName") == fmt.TO_NAME
    applicants = root.find(f".//Choices[@name='{fmt.APPLICANT}']")
    assert applicants.get("perRegion") == "true"
    assert [c.get("value") for c in applicants.iter("Choice")] == list(APPLICANTS)
    assert [r.get("value") for r in root.iter("Relation")] == [fmt.EVIDENCE_LABEL]


def test_labelstudio_config_parses_with_the_sdk(taxonomy):
    from label_studio_sdk.label_interface import LabelInterface

    li = LabelInterface(labeling_config(taxonomy))
    by_name = {c.name: c for c in li.controls}
    assert set(by_name[fmt.INDICATOR].labels) == set(taxonomy.ids)
    assert set(by_name[fmt.FLAGS].labels) == {fmt.FLAG_APPROX, fmt.FLAG_IMPLICIT}
