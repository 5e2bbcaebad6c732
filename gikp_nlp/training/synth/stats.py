"""One report's statistics, consistent with the taxonomy's sum rules, so that
the synthetic texts add up the way real ones should."""
from __future__ import annotations

import random


def _split(total: int, k: int, rng: random.Random, zero_share: float = 0.3) -> list[int]:
    """``total`` cut into ``k`` non-negative parts (some parts zero)."""
    if k == 1:
        return [total]
    weights = [0.0 if rng.random() < zero_share else rng.random() ** 2 for _ in range(k)]
    if sum(weights) == 0:
        weights[rng.randrange(k)] = 1.0
    parts = [int(total * w / sum(weights)) for w in weights]
    parts[max(range(k), key=lambda i: weights[i])] += total - sum(parts)
    return parts


def _count(rng: random.Random, lo: int, hi: int) -> int:
    """Log-uniform-ish count in [lo, hi] (small counts are common, big ones exist)."""
    if lo == 0 and rng.random() < 0.15:
        return 0
    return int(round(max(lo, 1) * (hi / max(lo, 1)) ** rng.random()))


def make_stats(rng: random.Random) -> dict[str, int | float]:
    """indicator id (``id`` or ``id@applicant``) → value."""
    s: dict[str, int | float] = {}
    total = _count(rng, 10, 60000)
    s["proactive.total"] = total
    web, wechat, weibo, gazette = _split(total, 4, rng, 0.1)
    s.update({"proactive.channel.website": web, "proactive.channel.wechat": wechat,
              "proactive.channel.weibo": weibo, "proactive.channel.gazette": gazette,
              "proactive.channel.new_media": wechat + weibo, "proactive.channel.other": _count(rng, 0, 500)})
    for key, hi in (("proactive.normative_docs", 80), ("proactive.normative_docs_issued", 80),
                    ("proactive.normative.made", 60), ("proactive.normative.published", 60),
                    ("proactive.normative.in_force", 400), ("proactive.normative.repealed", 30),
                    ("proactive.regulations.made", 10), ("proactive.regulations.published", 10),
                    ("proactive.regulations.in_force", 60), ("proactive.proposal_results", 300),
                    ("proactive.licensing.decisions", 20000), ("proactive.penalty.decisions", 5000),
                    ("proactive.enforcement.decisions", 500)):
        s[key] = _count(rng, 0, hi)
    s["response.hot_topics"] = _count(rng, 0, 200)
    s["response.press_conferences"] = _count(rng, 0, 40)
    s["response.press_conferences_by_head"] = rng.randint(0, int(s["response.press_conferences"]))
    s["response.online_interviews"] = _count(rng, 0, 30)
    s["response.online_interviews_by_head"] = rng.randint(0, int(s["response.online_interviews"]))
    s["response.policy_interpretations"] = _count(rng, 0, 400)
    s["response.weibo_wechat"] = _count(rng, 0, 300)
    new = _count(rng, 0, 3000)
    s["request.new"] = new
    for key, part in zip(("request.new.online", "request.new.letter", "request.new.in_person",
                          "request.new.fax", "request.new.email", "request.new.other"), _split(new, 6, rng, 0.5)):
        s[key] = part
    person = int(new * rng.random())
    s["request.new@natural_person"], s["request.new@legal_entity"] = person, new - person
    carried = _count(rng, 0, 60) if rng.random() < 0.6 else 0
    forward = min(_count(rng, 0, 60), new + carried) if rng.random() < 0.5 else 0
    s["request.carried_over"], s["request.carried_forward"] = carried, forward
    answered = new + carried - forward
    s["request.result.total"] = s["request.completed"] = answered
    s["request.completed.on_time"], s["request.completed.extended"] = _split(answered, 2, rng, 0.5)
    names = ("granted", "partial", "denied", "unable", "not_processed", "other", "already_public",
             "not_this_agency", "nonexistent")
    for name, part in zip(names, _split(answered, len(names), rng, 0.45)):
        s[f"request.result.{name}"] = part
    granted = int(s["request.result.granted"])
    s["request.result.granted@natural_person"] = int(granted * rng.random())
    s["request.result.granted@legal_entity"] = granted - int(s["request.result.granted@natural_person"])
    s["request.result.denied.state_secret"], s["request.result.denied.third_party"] = _split(
        int(s["request.result.denied"]), 2, rng, 0.5)
    s["request.result.unable.not_held"] = s["request.result.unable"]
    for prefix, hi in (("review", 40), ("litigation", 20)):
        total_cases = _count(rng, 0, hi)
        s[f"{prefix}.total"] = total_cases
        for name, part in zip(("upheld", "corrected", "other", "pending"), _split(total_cases, 4, rng, 0.4)):
            s[f"{prefix}.{name}"] = part
    s["complaints.total"] = _count(rng, 0, 30)
    s["fees.collected"] = round(rng.choice((0, 0, 0.01, 0.038, 0.12, 0.5, 1.25)), 4)
    full, part = _count(rng, 1, 10), _count(rng, 0, 40)
    s.update({"org.staff.full_time": full, "org.staff.part_time": part, "org.staff": full + part,
              "org.dedicated_bodies": _count(rng, 1, 20), "org.reading_points": _count(rng, 1, 60),
              "org.budget": round(rng.choice((1, 2.5, 5, 10, 20.8, 35)), 2),
              "training.meetings": _count(rng, 1, 30), "training.sessions": _count(rng, 1, 40),
              "training.trainees": _count(rng, 10, 5000),
              "proposals.npc": _count(rng, 0, 300), "proposals.cppcc": _count(rng, 0, 300)})
    return s
