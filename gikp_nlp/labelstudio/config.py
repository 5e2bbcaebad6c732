"""The Label Studio labeling config, generated from the taxonomy (never hand-written).

Control names are those the converter reads (gikp_nlp.annotations.tasks):
``indicator`` labels grouped by taxonomy section, each with its Chinese label
as the button text and hint; per-region ``applicant`` / ``value`` / ``flags`` /
``note``; ``evidence`` labels and an ``evidence`` relation for the phrase
naming an indicator.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from gikp_nlp.annotations import tasks as fmt
from gikp_nlp.schema.taxonomy import APPLICANT_LABELS, APPLICANTS, Taxonomy

#: Label Studio's Text granularity: select single characters (a number is often one character).
GRANULARITY = "symbol"
FLAG_HINTS = {fmt.FLAG_APPROX: "约数：余/多/近/约/左右/超过", fmt.FLAG_IMPLICIT: "隐含的零：区域是说明为零的短语（证据）"}
FLAG_TEXT = {fmt.FLAG_APPROX: "约数 approx", fmt.FLAG_IMPLICIT: "隐含零 implicit"}
EVIDENCE_TEXT = "指标名称 evidence"
VALUE_HINT = "数值（按指标单位，如 171、0.38）"


def _sections(taxonomy: Taxonomy) -> list[tuple[str, list]]:
    out: list[tuple[str, list]] = []
    for ind in taxonomy.indicators:
        if not out or out[-1][0] != ind.section:
            out.append((ind.section, []))
        out[-1][1].append(ind)
    return out


def labeling_config(taxonomy: Taxonomy, *, title: str = "政府信息公开工作年度报告 gikp-nlp") -> str:
    """The config XML (a string; :func:`xml.etree.ElementTree.fromstring` parses it)."""
    view = ET.Element("View")
    ET.SubElement(view, "Header", value=title, size="4")
    relations = ET.SubElement(view, "Relations")
    ET.SubElement(relations, "Relation", value=fmt.EVIDENCE_LABEL)
    labels = ET.SubElement(view, "Labels", name=fmt.INDICATOR, toName=fmt.TO_NAME, choice="single",
                           showInline="true")
    for section, indicators in _sections(taxonomy):
        group = ET.SubElement(labels, "View")
        ET.SubElement(group, "Header", value=section or "其他", size="6")
        for ind in indicators:
            hint = f"{ind.label}（{ind.unit}）{ind.id}"
            if ind.aliases:
                hint += "；又称：" + "、".join(ind.aliases)
            ET.SubElement(group, "Label", value=ind.id, hint=hint, html=ind.label)
    evidence = ET.SubElement(view, "Labels", name=fmt.EVIDENCE, toName=fmt.TO_NAME, choice="single")
    ET.SubElement(evidence, "Label", value=fmt.EVIDENCE_LABEL, html=EVIDENCE_TEXT,
                  hint="说明指标的短语（预标注用，不计入标准答案）", background="#999999")
    ET.SubElement(view, "Text", name=fmt.TO_NAME, value="$text", granularity=GRANULARITY)
    region = ET.SubElement(view, "View", visibleWhen="region-selected")
    ET.SubElement(region, "Header", value="申请人类型 applicant", size="6")
    applicants = ET.SubElement(region, "Choices", name=fmt.APPLICANT, toName=fmt.TO_NAME, perRegion="true",
                               choice="single", showInline="true")
    for applicant in APPLICANTS:
        ET.SubElement(applicants, "Choice", value=applicant, hint=APPLICANT_LABELS[applicant],
                      html=f"{APPLICANT_LABELS[applicant]} {applicant}")
    ET.SubElement(region, "Header", value=VALUE_HINT, size="6")
    ET.SubElement(region, "TextArea", name=fmt.VALUE, toName=fmt.TO_NAME, perRegion="true", maxSubmissions="1",
                  editable="true", rows="1")
    flags = ET.SubElement(region, "Choices", name=fmt.FLAGS, toName=fmt.TO_NAME, perRegion="true",
                          choice="multiple", showInline="true")
    for flag in (fmt.FLAG_APPROX, fmt.FLAG_IMPLICIT):
        ET.SubElement(flags, "Choice", value=flag, hint=FLAG_HINTS[flag], html=FLAG_TEXT[flag])
    ET.SubElement(region, "TextArea", name=fmt.NOTE, toName=fmt.TO_NAME, perRegion="true", maxSubmissions="1",
                  editable="true", placeholder="备注 note")
    ET.indent(view)
    return ET.tostring(view, encoding="unicode")
