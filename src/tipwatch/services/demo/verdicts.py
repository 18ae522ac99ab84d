"""Verdicts, sentences and appeals at the end of a trial, as the planned ending requires.

A conviction ending convicts the first accused at least; a fine-only ending convicts on charges
whose provision allows a fine alone where there is one (and, now and then, where there is not:
those sentences are flagged outside the law). About one acquittal in ten follows a conviction
overturned on appeal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tipwatch.domain.events import EventKind
from tipwatch.services.bulk import ChargeRecord
from tipwatch.services.demo.sentencing import (
    fine_alone_lawful,
    fine_sentence,
    prison_sentence,
)
from tipwatch.services.demo.volumes import Ending

if TYPE_CHECKING:
    from tipwatch.services.demo.timeline import CaseLife

K = EventKind


def _convicted(
    life: CaseLife, ending: Ending, charges: list[ChargeRecord], first: bool, overturned: bool
) -> set[str]:
    rng = life.rng
    if ending is Ending.ACQUITTED:
        return {c.key for c in charges} if overturned else set()
    if ending is Ending.FINE_ONLY:
        lawful = [c.key for c in charges if fine_alone_lawful(life.catalogue, c.provision)]
        if first:
            return set(lawful) if lawful and rng.random() < 0.85 else {charges[0].key}
        return {lawful[0]} if lawful and rng.random() < 0.4 else set()
    if first:
        return {charges[0].key} | {c.key for c in charges[1:] if rng.random() < 0.5}
    return {charges[0].key} if rng.random() < 0.4 else set()


def give_verdicts(life: CaseLife, ending: Ending, tried: list[str], at: int) -> None:
    rng = life.rng
    overturned = ending is Ending.ACQUITTED and rng.random() < 0.1
    convicted: list[tuple[str, list[ChargeRecord]]] = []
    court = life.trial_court
    for n, person in enumerate(tried):
        charges = life.charges_of(person)
        guilty = _convicted(life, ending, charges, n == 0, overturned and n == 0)
        for charge in charges:
            kind = K.CONVICTION if charge.key in guilty else K.ACQUITTAL
            life.add(at, kind, charge=charge.key, court=court)
        if guilty:
            convicted.append((person, [c for c in charges if c.key in guilty]))
    life.must = at
    if ending is Ending.AWAITING_SENTENCE:
        return
    if ending is Ending.ACQUITTED and not overturned:
        _state_appeal(life, tried[0], at)
        return
    sentenced_on = at + (0 if rng.random() < 0.6 else rng.randint(1, 14))
    sentences = _sentence(life, ending, convicted, sentenced_on)
    life.must = sentenced_on
    appealed_to = life.appeals_court
    if overturned:
        filed = life.add(
            sentenced_on + rng.randint(10, 30),
            K.APPEAL_FILED,
            convicted[0][0],
            appellant="accused",
            court=appealed_to,
        )
        life.must = life.add(
            filed + rng.randint(180, 700),
            K.APPEAL_DECIDED,
            convicted[0][0],
            outcome="overturned",
            court=appealed_to,
        )
        return
    for person, charges in convicted:
        if rng.random() >= 0.55:
            continue
        filed = life.add(
            sentenced_on + rng.randint(10, 30),
            K.APPEAL_FILED,
            person,
            appellant="accused",
            court=appealed_to,
        )
        if rng.random() < 0.6:
            _decide(life, person, charges, sentences, filed + rng.randint(180, 900))


def _sentence(
    life: CaseLife, ending: Ending, convicted: list[tuple[str, list[ChargeRecord]]], on: int
) -> dict[str, dict[str, Any]]:
    rng = life.rng
    sentences: dict[str, dict[str, Any]] = {}
    for n, (_, charges) in enumerate(convicted):
        for m, charge in enumerate(charges):
            provision = life.catalogue.get(charge.provision)
            lawful_fine = fine_alone_lawful(life.catalogue, charge.provision)
            prison = ending is Ending.IMPRISONED and (
                (n == 0 and m == 0) or rng.random() < 0.8 or not lawful_fine
            )
            if ending is Ending.ACQUITTED:  # the conviction later overturned
                prison = True
            details = prison_sentence(rng, provision) if prison else fine_sentence(rng, provision)
            sentences[charge.key] = details
            life.add(on, K.SENTENCE, charge=charge.key, court=life.trial_court, **details)
    return sentences


def _decide(
    life: CaseLife,
    person: str,
    charges: list[ChargeRecord],
    sentences: dict[str, dict[str, Any]],
    on: int,
) -> None:
    court = life.appeals_court
    reducible = [c for c in charges if sentences[c.key].get("imprisonment_months")]
    if reducible and life.rng.random() < 0.25:
        charge = reducible[0]
        old = sentences[charge.key]
        reduced = {**old, "imprisonment_months": max(6, int(old["imprisonment_months"] * 0.6))}
        life.add(
            on,
            K.APPEAL_DECIDED,
            person,
            charge.key,
            outcome="sentence_reduced",
            court=court,
            **reduced,
        )
    else:
        life.add(on, K.APPEAL_DECIDED, person, outcome="upheld", court=court)


def _state_appeal(life: CaseLife, person: str, acquitted_on: int) -> None:
    """The state or the complainant appeals against an acquittal (CrPC s.417), now and then."""
    rng = life.rng
    if rng.random() >= 0.25:
        return
    court = life.appeals_court
    appellant = "state" if rng.random() < 0.6 else "complainant"
    # s.417: the complainant within 30 days; the state takes longer, by special leave
    days = rng.randint(20, 60) if appellant == "state" else rng.randint(10, 30)
    filed = life.add(acquitted_on + days, K.APPEAL_FILED, person, appellant=appellant, court=court)
    if rng.random() < 0.4:
        life.add(
            filed + rng.randint(200, 800), K.APPEAL_DECIDED, person, outcome="upheld", court=court
        )
