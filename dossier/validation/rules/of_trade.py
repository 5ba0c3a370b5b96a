"""Rules of the company's trade: the licences and qualifications the law requires (see
:mod:`dossier.model.requirements`), each missing or lapsed one a problem at the value to correct."""

from __future__ import annotations

from ...model.requirements import permit_breaches, qualification_breaches
from .context import RuleContext

__all__ = ["trade_permits", "trade_qualifications"]


def _problems(ctx: RuleContext, found):
    for breach in found:
        file, *path = breach.where
        yield ctx.problem(ctx.at(file, *path), tuple(path), f"{breach.what}；{breach.fix}。")


def trade_permits(ctx: RuleContext):
    yield from _problems(ctx, permit_breaches(ctx.dossier))


def trade_qualifications(ctx: RuleContext):
    yield from _problems(ctx, qualification_breaches(ctx.dossier))
