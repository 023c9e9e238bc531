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
that hides no finding of a run is reported as `unused-suppression` at its line. What the
file sets is a `aligner.settings.Config`; this module finds, reads and checks the file.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from aligner import limits
from aligner.errors import ConfigError, UsageError
from aligner.findings import Suppression
from aligner.settings import FAIL_ON, Config, Pin, check_lang, check_locale, split_rules

FILE_NAME = "pyproject.toml"
#: Largest config file read (a pyproject.toml is a few KiB).
MAX_CONFIG_BYTES = 1024 * 1024
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
_T = TypeVar("_T")


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
        config = replace(config, reference=check_lang(table["reference"], "reference", file, line))
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
            locales = {k: check_locale(k, v, "locales") for k, v in value.items()}
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
