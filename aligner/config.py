"""The one configuration file: `[tool.aligner]` in `pyproject.toml`.

```toml
[tool.aligner]
reference = "en"                 # reference language (default "en")
select = ["missing-paragraph"]   # run only these rules (default: all)
ignore = ["length-mismatch"]     # never report these rules
fail-on = "warning"              # error (default) | warning | never
max-size = "64M"                 # largest input file read (--max-size wins)
exclude = ["drafts", "*/old/*"]  # paths never read from folders (globs, see `is_excluded`)
locales = { fr = "fr-FR" }       # language codes written in TMX/PO (BCP 47)
review-url = "review.html"       # the review report SARIF results link to

[[tool.aligner.suppress]]        # a deliberate difference; every key but `rule` optional
rule = "extra-paragraph"
document = "baku-2014-child-sex-trafficking"
lang = "ru"
paragraph = 7                    # the finding's paragraph or reference paragraph
section = "2"                    # the finding's section id
reason = "the Russian text adds a clarifying paragraph"

[[tool.aligner.pin]]             # a link a reviser checked: check and export keep it
document = "baku-2014-child-sex-trafficking"   # optional: every document when absent
link = "en 14 = it 15"           # reference paragraph = version paragraph ("en 2:14" in section 2)
reason = "it 14 is a clarifying paragraph of its own"
```

The file is `--config FILE` when given, else the nearest `pyproject.toml` with a
`[tool.aligner]` table in the current directory or one of its parents. Rule ids are checked
against the rule registry when the configuration is loaded, not at import. A suppression
that hides no finding of a run is reported as `unused-suppression` at its line.
"""

from __future__ import annotations

import fnmatch
import os
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from aligner import limits
from aligner.checks.base import REGISTRY, unknown_rule_message
from aligner.checks.tmx import valid_language_tag
from aligner.errors import ConfigError, UsageError
from aligner.findings import Finding, Severity, Suppression

FILE_NAME = "pyproject.toml"
#: Largest config file read (a pyproject.toml is a few KiB).
MAX_CONFIG_BYTES = 1024 * 1024
FAIL_ON: dict[str, Severity | None] = {
    "error": Severity.ERROR,
    "warning": Severity.WARNING,
    "never": None,
}
_KEYS = (
    "reference",
    "select",
    "ignore",
    "fail-on",
    "max-size",
    "exclude",
    "locales",
    "review-url",
    "suppress",
    "pin",
)
_PIN_KEYS = ("document", "link", "reason")
_PIN_LINK = re.compile(
    r"\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\s+(?:(\w+):)?(\d+)\s*=\s*"
    r"([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\s+(?:(\w+):)?(\d+)\s*"
)
_SUPPRESS_KEYS = ("rule", "document", "lang", "paragraph", "section", "reason")
_LANG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
_T = TypeVar("_T")


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
            changes["reference"] = _check_lang(reference, "--reference")
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


def _check_locale(lang: str, code: object, where: str) -> str:
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
    return lang.strip(), _check_locale(lang.strip(), code.strip(), "--locale")


def find_config(start: str | Path | None = None) -> Path | None:
    """The nearest `pyproject.toml` with a `[tool.aligner]` table, from `start` (default cwd) up.

    A `pyproject.toml` that never mentions aligner is skipped unread, even if malformed.
    """
    here = (Path.cwd() if start is None else Path(start)).resolve()
    for folder in (here, *here.parents):
        candidate = folder / FILE_NAME
        try:
            mentions = candidate.is_file() and b"aligner" in _head(candidate)
        except OSError:
            continue
        if mentions and _table(_read(candidate)) is not None:
            return candidate
    return None


def _head(path: Path) -> bytes:
    """The first bytes of a file, enough to tell whether a config file mentions aligner."""
    with path.open("rb") as fh:
        return fh.read(MAX_CONFIG_BYTES + 1)


def load_config(
    path: str | Path | None = None, *, known_rules: Iterable[str] | None = None
) -> Config:
    """Read the config file (`path`, or the one `find_config` finds; defaults if none).

    Rule ids are checked against `known_rules` (default: the registry as it is now).
    """
    if path is None:
        found = find_config()
        if found is None:
            return Config()
        path = found
    path = Path(path)
    if not path.is_file():
        raise ConfigError("config file not found", file=str(path))
    table = _table(_read(path))
    if table is None:
        raise ConfigError("no [tool.aligner] table", file=str(path))
    config = _parse(table, str(path), path.read_text(encoding="utf-8", errors="replace"))
    config.check_rules(known_rules)
    limits.set_max_size(config.max_size, from_config=True)
    return config


def _table(data: dict[str, Any]) -> dict[str, Any] | None:
    """The `[tool.aligner]` table of a parsed file, if it has one."""
    tool = data.get("tool")
    table = tool.get("aligner") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def _read(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise ConfigError(
                f"config file too large (over {MAX_CONFIG_BYTES} bytes)", file=str(path)
            )
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except RecursionError:
        raise ConfigError("invalid TOML: nested too deeply", file=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at (?:line (\d+), column \d+|end of document)\)$", message)
        line = None
        if match:
            end = len(path.read_bytes().splitlines()) or 1
            line = int(match.group(1)) if match.group(1) else end
            message = message[: match.start()].rstrip()
        raise ConfigError(f"invalid TOML: {message}", file=str(path), line=line) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config: {exc}", file=str(path)) from None


def _line_of(text: str, key: str, occurrence: int = 0) -> int | None:
    """The line of the `occurrence`-th `key = ` (or `[[…key]]`) after `[tool.aligner`."""
    start = text.find("[tool.aligner")
    if start < 0:
        return None
    pattern = re.compile(
        rf"^[ \t]*(?:\"?{re.escape(key)}\"?\s*=|\[\[\s*tool\.aligner\.{re.escape(key)}\s*\]\])",
        re.M,
    )
    hits = list(pattern.finditer(text, start))
    if occurrence < len(hits):
        return text.count("\n", 0, hits[occurrence].start()) + 1
    return None


def _check_lang(value: object, key: str, file: str | None = None, line: int | None = None) -> str:
    if not isinstance(value, str) or not _LANG.fullmatch(value):
        raise ConfigError(
            f"{key} must be a language code such as 'en', not {value!r}", file=file, line=line
        )
    return value


def split_rules(value: str | Iterable[str]) -> tuple[str, ...]:
    """Rule ids from a string (or strings) of ids separated by commas or spaces."""
    items = [value] if isinstance(value, str) else list(value)
    return tuple(r for item in items for r in re.split(r"[,\s]+", item) if r)


def _rule_list(value: object, key: str, file: str, line: int | None) -> tuple[str, ...]:
    """A list of rule ids, or one string of ids separated by commas or spaces."""
    if isinstance(value, str) or (
        isinstance(value, list) and all(isinstance(r, str) for r in value)
    ):
        return split_rules(value)
    raise ConfigError(f"{key} must be a list of rule ids, not {value!r}", file=file, line=line)


def _parse(table: dict[str, Any], file: str, text: str) -> Config:  # noqa: C901, PLR0912  (one test per key of [tool.aligner])
    unknown = [k for k in table if k not in _KEYS]
    if unknown:
        raise ConfigError(
            f"unknown key {unknown[0]!r} in [tool.aligner]; valid keys: {', '.join(_KEYS)}",
            file=file,
            line=_line_of(text, unknown[0]),
        )
    config = Config(path=file)
    if "reference" in table:
        line = _line_of(text, "reference")
        config = replace(config, reference=_check_lang(table["reference"], "reference", file, line))
    for key in ("select", "ignore"):
        if key in table:
            rules = _rule_list(table[key], key, file, _line_of(text, key))
            config = (
                replace(config, select=rules) if key == "select" else replace(config, ignore=rules)
            )
    if "fail-on" in table:
        value = table["fail-on"]
        if not isinstance(value, str) or value not in FAIL_ON:
            raise ConfigError(
                f"fail-on must be one of {', '.join(FAIL_ON)}, not {value!r}",
                file=file,
                line=_line_of(text, "fail-on"),
            )
        config = replace(config, fail_on=value)
    if "max-size" in table:
        try:
            size = limits.parse_size(table["max-size"])
        except UsageError as exc:
            raise ConfigError(
                f"max-size: {exc.message}", file=file, line=_line_of(text, "max-size")
            ) from None
        config = replace(config, max_size=size)
    if "exclude" in table:
        value = table["exclude"]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(g, str) and g for g in value):
            raise ConfigError(
                f"exclude must be a list of path globs, not {table['exclude']!r}",
                file=file,
                line=_line_of(text, "exclude"),
            )
        config = replace(config, exclude=tuple(value))
    if "locales" in table:
        value = table["locales"]
        line = _line_of(text, "locales")
        if not isinstance(value, dict):
            raise ConfigError(
                f'locales must be a table such as {{ fr = "fr-FR" }}, not {value!r}',
                file=file,
                line=line,
            )
        try:
            locales = {k: _check_locale(k, v, "locales") for k, v in value.items()}
        except UsageError as exc:
            raise ConfigError(exc.message, file=file, line=line) from None
        config = replace(config, locales=locales)
    if "review-url" in table:
        value = table["review-url"]
        if not isinstance(value, str):
            raise ConfigError(
                f"review-url must be a string, not {value!r}",
                file=file,
                line=_line_of(text, "review-url"),
            )
        config = replace(config, review_url=value or None)
    if "suppress" in table:
        config = replace(config, suppress=_tables(table, "suppress", file, text, _suppression))
    if "pin" in table:
        config = replace(config, pin=_tables(table, "pin", file, text, _pin))
    return config


def parse_link(value: str) -> tuple[str, tuple[str, int], str, tuple[str, int]] | None:
    """`"en 14 = it 15"` (or `"en 2:14 = it 2:15"`) as (en, ("1", 14), it, ("1", 15))."""
    m = _PIN_LINK.fullmatch(value)
    if m is None:
        return None
    ref, ref_section, ref_number, lang, section, number = m.groups()
    return ref, (ref_section or "1", int(ref_number)), lang, (section or "1", int(number))


def _tables(
    table: dict[str, Any],
    key: str,
    file: str,
    text: str,
    parse: Callable[[dict[str, Any], str, int | None], _T],
) -> tuple[_T, ...]:
    """The `[[tool.aligner.<key>]]` entries, each parsed by `parse` (entry, file, line)."""
    entries = table[key]
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError(
            f"{key} must be an array of tables ([[tool.aligner.{key}]])",
            file=file,
            line=_line_of(text, key),
        )
    return tuple(parse(e, file, _line_of(text, key, i)) for i, e in enumerate(entries))


def _entry_errors(
    entry: dict[str, Any], key: str, keys: tuple[str, ...], file: str, line: int | None
) -> Callable[[str], ConfigError]:
    """What makes an error in a `[[tool.aligner.<key>]]` entry, once its keys are known to
    be among `keys` (else that error is raised)."""

    def fail(message: str) -> ConfigError:
        return ConfigError(f"[[tool.aligner.{key}]]: {message}", file=file, line=line)

    unknown = [k for k in entry if k not in keys]
    if unknown:
        raise fail(f"unknown key {unknown[0]!r}; valid keys: {', '.join(keys)}")
    return fail


def _pin(entry: dict[str, Any], file: str, line: int | None) -> Pin:
    fail = _entry_errors(entry, "pin", _PIN_KEYS, file, line)
    for key in _PIN_KEYS:
        if key in entry and not isinstance(entry[key], str):
            raise fail(f"{key} must be a string, not {entry[key]!r}")
    if "link" not in entry:
        raise fail('every pin needs a link (link = "en 14 = it 15")')
    parsed = parse_link(entry["link"])
    if parsed is None:
        raise fail(f'link must look like "en 14 = it 15", not {entry["link"]!r}')
    ref, paragraph, lang, target = parsed
    if ref == lang:
        raise fail(f"a link joins two languages, not {ref} to {lang}")
    return Pin(ref, paragraph, lang, target, entry.get("document"), entry.get("reason", ""))


def _suppression(entry: dict[str, Any], file: str, line: int | None) -> Suppression:
    fail = _entry_errors(entry, "suppress", _SUPPRESS_KEYS, file, line)
    if not isinstance(entry.get("rule"), str):
        raise fail('every suppression needs a rule id (rule = "...")')
    for key in ("document", "lang", "section", "reason"):
        if key in entry and not isinstance(entry[key], str):
            raise fail(f"{key} must be a string, not {entry[key]!r}")
    paragraph = entry.get("paragraph")
    if paragraph is not None and (
        isinstance(paragraph, bool) or not isinstance(paragraph, int) or paragraph < 0
    ):
        raise fail(f"paragraph must be a paragraph number, not {paragraph!r}")
    return Suppression(
        rule=entry["rule"],
        document=entry.get("document"),
        lang=entry.get("lang"),
        paragraph=paragraph,
        section=entry.get("section"),
        reason=entry.get("reason", ""),
        file=file,
        line=line,
    )
