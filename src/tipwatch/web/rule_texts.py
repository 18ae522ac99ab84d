"""The pipeline's rules, each explained in one sentence a page can show in the visitor's
language: a refused step's message (domain.pipeline) is English and names dates and charges,
so an Urdu page shows the rule in Urdu with that message after it."""

from __future__ import annotations

from tipwatch.web.templating import N_

RULE_TEXTS = {
    "no-future-dates": N_("A step cannot be dated after today."),
    "charge-required": N_(
        "This step must name a charge of this case, against the accused it names."
    ),
    "accused-required": N_("This step must name an accused of this case."),
    "victim-required": N_("This step must name a victim of this case."),
    "case-event": N_("This step concerns the whole case: it names no person or charge."),
    "once-only": N_("This step has already been recorded: it happens only once."),
    "not-before-fir": N_("This step is dated before the FIR."),
    "fir-first": N_("An FIR must be registered first."),
    "closed-case": N_(
        "The case is closed, or every trial in it is over: only an appeal can follow, or the "
        "reopening of a closed case."
    ),
    "challan-order": N_("An interim challan comes before the final one, and only once."),
    "reopen-closed-only": N_("Only a closed case can be reopened."),
    "closure-before-trial": N_(
        "This ends a case before trial, but the trial has begun or is over."
    ),
    "accused-resolved": N_("This accused's trial is already over."),
    "already-in-custody": N_("This accused is already in custody."),
    "bail-needs-arrest": N_("Bail needs the accused to be in custody."),
    "discharge-needs-challan": N_(
        "A court discharges an accused on a challan; none has been submitted."
    ),
    "discharge-before-verdict": N_("A discharge comes before any verdict."),
    "charge-needs-challan": N_(
        "A charge is framed on a challan (CrPC s.173); none has been submitted."
    ),
    "verdict-needs-charge": N_("No verdict without a framed charge."),
    "sentence-needs-conviction": N_("No sentence without a conviction."),
    "appeal-needs-verdict": N_("An appeal lies against a verdict; this accused has none."),
    "decision-needs-appeal": N_("No appeal of this accused is pending."),
}  # fmt: skip
