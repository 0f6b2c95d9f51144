"""Words for the aftercare answers, from the templates in the knowledge file.

Pure functions (no Rasa): a verdict or a day plan in, the message out, with
the "Sources vary" note and the "Source:" line of the rules used.
"""

from __future__ import annotations

from datetime import datetime
from typing import Dict, Iterable, List, Optional

from knowledge.aftercare_rules import (
    Status,
    day_plan,
    describe_ago,
    describe_day,
    describe_duration,
    describe_window,
    verdict,
)
from knowledge.answers import AftercareRule, Knowledge, Source, source_line
from knowledge.claims import Claim, matches
from knowledge.moments import After, When


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _fill(knowledge: Knowledge, name: str, **values: str) -> str:
    values.update({_cap(k): _cap(v) for k, v in list(values.items()) if isinstance(v, str)})
    return knowledge.aftercare_messages[name].format_map(values)


def _with_sources(text: str, rules: Iterable[AftercareRule], sources: bool = True) -> str:
    """The text with the rules' "Sources vary" notes and "Source:" line (``sources``
    False: the text alone, for a reply that cites its sources once: knowledge/reply.py)."""
    if not sources:
        return text
    rules = list(rules)
    notes = [f"{r.label}: {r.sources_vary}" for r in rules if r.sources_vary]
    sources: Dict[str, Source] = {}
    for rule in rules:
        for source in rule.sources:
            sources.setdefault(source.key, source)
    lines = [text]
    if notes:
        lines.append("(Sources vary. " + " ".join(n + "." for n in notes) + ")")
    lines.append(source_line(tuple(sources.values())))
    return "\n".join(lines)


def general_answer(knowledge: Knowledge, rule: AftercareRule, sources: bool = True) -> str:
    """The rule without a date: "After microneedling: no makeup for 24 hours. ...";
    a rule that needs no date says its verdict ("Yes, from the start: ...",
    "That one doesn't expire: ...")."""
    if rule.wait_hours == 0 or rule.wait_hours is None:
        status = Status.ALWAYS if rule.wait_hours == 0 else Status.NEVER
        return _verdict_text(knowledge, rule, status, _fill(knowledge, status.value, **_rule_values(rule)), sources)
    text = _fill(knowledge, "general", rule=rule.rule, why=rule.why)
    if rule.instead:
        text += " " + _fill(knowledge, "instead", instead=rule.instead)
    if rule.afterwards:
        text += " " + _fill(knowledge, "afterwards", afterwards=rule.afterwards)
    return _with_sources(text, [rule], sources)


def claim_answer(knowledge: Knowledge, rule: AftercareRule, claim: Claim) -> str:
    """ "That matches / That's not what the articles say", then the rule."""
    opening = knowledge.aftercare_messages["claim_true" if matches(claim, rule) else "claim_false"]
    return opening + " " + general_answer(knowledge, rule)


def why_answer(knowledge: Knowledge, rule: AftercareRule) -> str:
    """ "Why?" after an aftercare answer: the rule's reason, with its sources."""
    return _with_sources(_fill(knowledge, "why", rule=rule.rule, why=rule.why), [rule])


def _rule_values(rule: AftercareRule) -> Dict[str, str]:
    window = describe_window(rule)
    return {"rule": rule.rule, "why": rule.why, "window": window,
            "window_adj": window.replace(" hours", "-hour").replace(" days", "-day")}


def _verdict_text(knowledge: Knowledge, rule: AftercareRule, status: Status, text: str, sources: bool = True) -> str:
    """The verdict plus what to do meanwhile and afterwards, with the sources."""
    if status in (Status.NOT_YET, Status.BOUNDARY) and rule.instead:
        text += " " + _fill(knowledge, "instead", instead=rule.instead)
    if rule.afterwards:
        text += " " + _fill(knowledge, "afterwards", afterwards=rule.afterwards)
    return _with_sources(text, [rule], sources)


def timed_answer(knowledge: Knowledge, rule: AftercareRule, treated: When, at: datetime, now: datetime,
                 sources: bool = True) -> str:
    """The answer for one rule, a treatment time and the moment asked about."""
    result = verdict(rule, treated, at)
    values = {**_rule_values(rule), "ago": describe_ago(treated, now), "day": str((at.date() - treated.day).days),
              "when": describe_day(at.date())}
    template = result.status.value
    if at.date() > now.date() and result.status in (Status.NOT_YET, Status.BOUNDARY, Status.OK):
        template += "_then"  # asked about a later day: "by then", not "now"
    if result.status is Status.NOT_YET:
        until = describe_day(result.until_day)
        if result.until is not None and result.remaining.total_seconds() < 36 * 3600:
            until += f" around {result.until:%H:%M}"
        text = _fill(knowledge, template, remaining=describe_duration(result.remaining), until=until, **values)
    else:
        text = _fill(knowledge, template, **values)
    return _verdict_text(knowledge, rule, result.status, text, sources)


# Any day serves: an answer counted from the treatment names no date.
_SOME_DAY = datetime(2000, 1, 3)


def after_answer(knowledge: Knowledge, rule: AftercareRule, after: After, sources: bool = True) -> str:
    """For "two weeks after my treatment, can I...?" with no date known: the
    verdict for that many hours or days after any treatment."""
    treated = When("", _SOME_DAY, after.precise)
    result = verdict(rule, treated, after.moment(treated))
    template = result.status.value
    if result.status not in (Status.ALWAYS, Status.NEVER):
        template += "_after"
    text = _fill(knowledge, template, after=after.describe(), **_rule_values(rule))
    return _verdict_text(knowledge, rule, result.status, text, sources)


def _join(items: List[str]) -> str:
    return "; ".join(items)


def plan_text(knowledge: Knowledge, treated: When, now: datetime) -> str:
    """The day-by-day plan for today: what to avoid until when, what's fine."""
    rules = list(knowledge.aftercare.values())
    plan = day_plan(rules, treated, now)
    lines = [_fill(knowledge, "plan_header", ago=describe_ago(treated, now),
                   date=describe_day(treated.day), day=str(plan.day))]
    if plan.avoid:
        items = [f"{r.short} until day {(d - treated.day).days} ({describe_day(d)})" for r, d in plan.avoid]
        lines.append(_fill(knowledge, "plan_avoid", items=_join(items)))
    if plan.later_today:
        items = [f"{r.short}, once {describe_window(r)} have passed" for r in plan.later_today]
        lines.append(_fill(knowledge, "plan_today", items=_join(items)))
    if plan.fine_now:
        lines.append(_fill(knowledge, "plan_ok", items=_join([r.short for r in plan.fine_now])))
    lines.append(_fill(knowledge, "plan_every_day", items=_join([r.short for r in plan.every_day])))
    if not plan.avoid and not plan.later_today:
        lines.append(knowledge.aftercare_messages["plan_done"])
    return _with_sources("\n".join(lines), rules)


def noted_text(knowledge: Knowledge, treated: When, now: datetime) -> str:
    """Confirms a treatment date the user gave on its own."""
    return _fill(knowledge, "noted", ago=describe_ago(treated, now), date=describe_day(treated.day))


def future_text(knowledge: Knowledge, treated: When) -> str:
    """For a treatment still to come: leads into the preparation advice."""
    return _fill(knowledge, "future", date=describe_day(treated.day))


def find_rule(knowledge: Knowledge, value: Optional[str]) -> Optional[AftercareRule]:
    """The rule for an entity or slot value: a rule key or one of its names."""
    if not value:
        return None
    value = value.lower().strip()
    if value in knowledge.aftercare:
        return knowledge.aftercare[value]
    return next((r for r in knowledge.aftercare.values() if value in r.names), None)
