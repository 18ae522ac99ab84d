"""Use cases: charges, one accused and one provision each, judged by the law of the offence date."""

from __future__ import annotations

from sqlalchemy import select

from tipwatch.domain.access import Capability, Principal
from tipwatch.domain.errors import Duplicate, InvalidInput, ProvisionNotInForce
from tipwatch.domain.law.catalogue import LegalCatalogue
from tipwatch.domain.vocabulary import PersonRole
from tipwatch.services.access import open_case
from tipwatch.services.audit_trail import audit
from tipwatch.services.case_state import claim_case, judging_date, refresh_case
from tipwatch.services.context import Context
from tipwatch.services.schemas.steps import ChargeCreate, ChargeOut
from tipwatch.storage import tables as t
from tipwatch.storage.uow import UnitOfWork


def add_charge(ctx: Context, actor: Principal, case_id: int, data: ChargeCreate) -> ChargeOut:
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id, Capability.EDIT_CASES)
        case = claim_case(uow, case_id)
        party = uow.session.get(t.Party, data.party_id)
        if party is None or party.case_id != case_id or party.role != PersonRole.ACCUSED:
            raise InvalidInput(
                f"party {data.party_id} is not an accused of case {case_id}",
                field="party_id",
                record=f"case {case_id}",
            )
        provisions = ctx.catalogue.parse(data.provision, on=judging_date(case))
        if len(provisions) != 1:
            raise InvalidInput(
                f"{data.provision!r} names {len(provisions)} provisions; "
                "a charge is one provision: add one charge for each",
                field="provision",
            )
        key = provisions[0].key
        existing = uow.session.scalar(
            select(t.Charge.id).where(t.Charge.party_id == party.id, t.Charge.provision_key == key)
        )
        if existing is not None:
            raise Duplicate(
                f"party {party.id} is already charged under {key} (charge {existing})",
                field="provision",
                record=f"charge {existing}",
            )
        charge = t.Charge(
            case_id=case_id, party_id=party.id, provision_key=key, created_at=ctx.now(), flags=[]
        )
        uow.session.add(charge)
        uow.flush()
        refresh_case(uow, case, ctx.catalogue, ctx.today())
        case.updated_at = ctx.now()
        audit(uow, ctx, actor, "charge.create", "case", case_id, details={"charge_id": charge.id})
        uow.flush()
        out = ChargeOut.model_validate(charge)
        uow.commit()
        return out


def revalidate_charges(uow: UnitOfWork, case: t.Case, catalogue: LegalCatalogue) -> None:
    """After the offence date changes, every charge must still be law on the new date."""
    on = judging_date(case)
    for charge in uow.session.scalars(select(t.Charge).where(t.Charge.case_id == case.id)):
        try:
            catalogue.get(charge.provision_key, on=on)
        except ProvisionNotInForce as exc:
            raise ProvisionNotInForce(
                f"charge {charge.id}: {exc.message}",
                field="offence_date",
                record=f"charge {charge.id}",
            ) from exc


def list_charges(ctx: Context, actor: Principal, case_id: int) -> list[ChargeOut]:
    with ctx.uow() as uow:
        open_case(ctx, uow, actor, case_id)
        audit(uow, ctx, actor, "case.read", "case", case_id, details={"part": "charges"})
        rows = uow.session.scalars(
            select(t.Charge).where(t.Charge.case_id == case_id).order_by(t.Charge.id)
        )
        out = [ChargeOut.model_validate(c) for c in rows]
        uow.commit()
        return out
