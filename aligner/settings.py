"""The settings of a run: `Config`, from the config file (`aligner.config` reads it) or
defaults, overridable from the command line; which rules run, which findings are dropped,
which links are pinned, which paths are never read, which language codes are written.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from aligner.checks.base import REGISTRY, unknown_rule_message
from aligner.checks.tmx import valid_language_tag
from aligner.errors import ConfigError, UsageError
from aligner.findings import Finding, Severity, Suppression

#: The values of fail-on (--fail-on) and the lowest severity each fails on (None: never).
FAIL_ON: dict[str, Severity | None] = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "never": None,
}
#: A language code as given in settings: `fr`, `pt-BR`.
_LANG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def parse_fail_on(value: str) -> Severity | None:
    """`error`, `warning` or `never` as the lowest failing severity (None: never fail)."""
    try:
        return FAIL_ON[value]
    except KeyError:
        raise ConfigError(f"fail-on must be one of {', '.join(FAIL_ON)}, not {value!r}") from None


@dataclass(frozen=True)
class Pin:
    """A link a reviser checked (`en 14 = it 15`): alignment keeps it, whatever the content."""

    reference: str
    paragraph: tuple[str, int]  # (section, number) in the reference
    lang: str
    target: tuple[str, int]  # (section, number) in the version
    document: str | None = None
    reason: str = ""

    def applies(self, document: str, reference: str, lang: str) -> bool:
        return (
            self.reference == reference
            and self.lang == lang
            and (self.document is None or self.document == document)
        )


@dataclass(frozen=True)
class Config:
    """Settings from the config file (or defaults), overridable from the command line."""

    path: str | None = None
    reference: str = "en"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    max_size: int | None = None  # bytes; None: aligner.limits' default
    suppress: tuple[Suppression, ...] = field(default=())
    pin: tuple[Pin, ...] = field(default=())

    def pins_for(
        self, document: str, lang: str
    ) -> tuple[tuple[tuple[str, int], tuple[str, int]], ...]:
        """The pinned links of `document`'s `lang` version against the reference."""
        return tuple(
            (p.paragraph, p.target) for p in self.pin if p.applies(document, self.reference, lang)
        )

    exclude: tuple[str, ...] = ()
    locales: Mapping[str, str] = field(default_factory=dict)
    review_url: str | None = None

    def is_excluded(self, path: str | os.PathLike[str]) -> bool:
        """Whether `exclude` names `path`: a glob (fnmatch, `*` crossing `/`) matching the path
        relative to the config file's folder or to the working folder, one of its parent
        folders there, or its file name."""
        if not self.exclude:
            return False
        absolute = os.path.abspath(path)
        bases = [os.getcwd()]
        if self.path:
            bases.insert(0, os.path.dirname(os.path.abspath(self.path)))
        candidates = {os.path.basename(absolute)}
        for base in bases:
            relative = os.path.relpath(absolute, base)
            if relative.startswith(".."):
                continue
            parts = relative.replace(os.sep, "/").split("/")
            candidates.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
        return any(fnmatch.fnmatchcase(c, g) for g in self.exclude for c in candidates)

    def locale(self, lang: str) -> str:
        """The code written for language `lang` (its `locales` entry, else `lang`)."""
        return self.locales.get(lang, lang)

    @property
    def fail_level(self) -> Severity | None:
        """The lowest severity that makes `check` exit 1 (None for `never`)."""
        return FAIL_ON[self.fail_on]

    def is_enabled(self, rule_id: str) -> bool:
        """Whether a rule runs: selected (or nothing selected) and not ignored."""
        return (not self.select or rule_id in self.select) and rule_id not in self.ignore

    def is_suppressed(self, f: Finding) -> bool:
        """Whether a finding is dropped: its rule is disabled or a suppression matches it."""
        return not self.is_enabled(f.rule) or any(s.matches(f) for s in self.suppress)

    def check_rules(self, known: Iterable[str] | None = None) -> None:
        """Raise `ConfigError` if select, ignore or suppress name a rule that does not exist."""
        valid = set(REGISTRY if known is None else known)
        named = [*self.select, *self.ignore, *(s.rule for s in self.suppress)]
        unknown = list(dict.fromkeys(r for r in named if r not in valid))
        if unknown:
            raise ConfigError(unknown_rule_message(unknown, what="rule id"), file=self.path)

    def with_overrides(
        self,
        *,
        reference: str | None = None,
        select: str | Iterable[str] | None = None,
        ignore: str | Iterable[str] | None = None,
        fail_on: str | None = None,
        locales: Iterable[str] | None = None,
        review_url: str | None = None,
    ) -> Config:
        """A copy with the command line's options (None: keep the file's value).

        `select` and `ignore` are lists of rule ids or strings of ids separated by commas;
        `ignore` adds to the file's ignored rules, `select` replaces its selection. Unknown
        rule ids raise `UsageError` listing the valid ones. `locales` are `LANG=CODE`
        strings (`fr=fr-FR`) added to the file's.
        """
        changes: dict[str, Any] = {}
        if locales:
            codes = dict(parse_locale(value) for value in locales)
            changes["locales"] = {**self.locales, **codes}
        if review_url is not None:
            changes["review_url"] = review_url or None
        if reference is not None:
            changes["reference"] = check_lang(reference, "--reference")
        named: list[str] = []
        if select is not None:
            changes["select"] = split_rules(select)
            named += changes["select"]
        if ignore is not None:
            extra = split_rules(ignore)
            changes["ignore"] = tuple(dict.fromkeys([*self.ignore, *extra]))
            named += extra
        if fail_on is not None:
            parse_fail_on(fail_on)
            changes["fail_on"] = fail_on
        unknown = list(dict.fromkeys(r for r in named if r not in REGISTRY))
        if unknown:
            raise UsageError(unknown_rule_message(unknown, what="rule id"))
        return replace(self, **changes)


def check_locale(lang: str, code: object, where: str) -> str:
    """`code`, the BCP 47 tag given for language `lang` (`where`: the option or key)."""
    if not isinstance(code, str) or not valid_language_tag(code):
        raise UsageError(f"{where}: {code!r} is not a BCP 47 language tag (such as fr-FR)")
    if not _LANG.fullmatch(lang):
        raise UsageError(f"{where}: {lang!r} is not a language code (such as fr)")
    return code


def parse_locale(value: str) -> tuple[str, str]:
    """`fr=fr-FR` as `("fr", "fr-FR")`; `UsageError` unless the code is a BCP 47 tag."""
    lang, sep, code = value.partition("=")
    if not sep:
        raise UsageError(f"--locale expects LANG=CODE (such as fr=fr-FR), not {value!r}")
    return lang.strip(), check_locale(lang.strip(), code.strip(), "--locale")


def check_lang(value: object, key: str, file: str | None = None, line: int | None = None) -> str:
    """`value` if it is a language code (`key`: the option or key, at `file:line`)."""
    if not isinstance(value, str) or not _LANG.fullmatch(value):
        raise ConfigError(
            f"{key} must be a language code such as 'en', not {value!r}", file=file, line=line
        )
    return value


def split_rules(value: str | Iterable[str]) -> tuple[str, ...]:
    """Rule ids from a string (or strings) of ids separated by commas or spaces."""
    items = [value] if isinstance(value, str) else list(value)
    return tuple(r for item in items for r in re.split(r"[,\s]+", item) if r)
