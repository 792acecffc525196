"""A user's caption rules from ``captions.toml``, and how they combine with presets and flags.

The file holds top-level keys only, in the units and names of the ``captions make`` options::

    # captions.toml, in the folder where captions is run
    preset = "bbc"          # a built-in preset (captions.rules.PRESETS) to start from
    max_chars = 40          # characters a line
    max_lines = 2           # lines a caption
    max_cps = 17            # reading speed limit, characters a second
    min_duration = 1.0      # seconds a caption stays up at least
    max_duration = 7        # seconds a caption stays up at most
    min_gap_frames = 2      # frames between captions at least
    fps = 25                # frame rate the gaps are counted in
    chain_gap = 0.5         # gaps of this many seconds or less close to the minimum gap
    linger = 0.3            # seconds a caption stays after its last word
    ignore = ["reading_speed", "bad_break"]   # `check` rules this house style does not check
    cluster = "tcp://sched:8786"   # `batch` runs its pairs on this Dask cluster (docs/scale.md)

A rule is relaxed by its number (``min_gap_frames = 0`` allows captions back to back) and
turned off by naming it in ``ignore`` (``--ignore`` on the command line), which `captions check`
then leaves out of its breaches, summary and exit code.

Every key is optional. Precedence, highest first: a flag the user set, the file, the preset
(named by ``--preset`` or, failing that, by the file), the defaults (Netflix English). A key the
program does not know, or a value of the wrong type or out of range, is an error naming the file,
the key and its line: a typo must not silently leave a rule at its default.
"""
from __future__ import annotations

import difflib
import math
import re
import sys
from dataclasses import replace
from pathlib import Path

from .errors import InputError
from .rules import PRESETS, CaptionRules, preset
from .timecode import MAX_FPS

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

CONFIG_NAME = "captions.toml"

# key -> (CaptionRules field, integer?, milliseconds a unit for times in seconds else None,
#         smallest value, whether the smallest value itself is allowed, largest value). The
#         largest values are far past any house style: past them a value is a typo.
RULE_KEYS: dict[str, tuple[str, bool, int | None, float, bool, float]] = {
    "max_chars": ("max_chars_per_line", True, None, 8, True, 1000),
    "max_lines": ("max_lines", True, None, 1, True, 20),
    "max_cps": ("max_chars_per_second", False, None, 0, False, 1000),
    "min_duration": ("min_duration_ms", False, 1000, 0, True, 3600),
    "max_duration": ("max_duration_ms", False, 1000, 0, True, 3600),
    "min_gap_frames": ("min_gap_frames", True, None, 0, True, 1000),
    "fps": ("fps", False, None, 0, False, MAX_FPS),
    "chain_gap": ("chain_gap_ms", False, 1000, 0, True, 3600),
    "linger": ("linger_ms", False, 1000, 0, True, 3600),
}
# Keys that are not caption rules: where to start from, and the `check` rules to leave out.
OTHER_KEYS = ("preset", "ignore", "cluster")   # not caption rules: what they name is used where it applies


def find_config(cwd: Path) -> Path | None:
    """``cwd/captions.toml`` if there is one."""
    path = Path(cwd) / CONFIG_NAME
    return path if path.is_file() else None


def load_config(path: Path) -> dict:
    """The checked settings of a config file, as written (seconds, not milliseconds)."""
    name = str(path)
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = ("is not UTF-8 text" if isinstance(exc, UnicodeDecodeError)
                  else f"cannot read: {(exc.strerror or str(exc)).lower()}")
        raise InputError(reason, name) from None
    try:
        config = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = re.search(r"\s*\(at line (\d+), column \d+\)", message)
        if where:
            message = message[:where.start()] + message[where.end():]
        raise InputError(f"bad TOML: {message}", name, int(where[1]) if where else None) from None
    for key, value in config.items():
        if problem := _problem(key, value):
            raise InputError(problem, name, _line_of(text, key))
    try:
        resolve_rules(None, config, {})
    except ValueError as exc:
        raise InputError(str(exc), name) from None
    return config


def resolve_rules(preset_name: str | None, config: dict | None, overrides: dict) -> CaptionRules:
    """The rules to use: ``overrides`` (the flags the user set, in the config's keys and units;
    None values count as not set) over ``config`` over the preset (``preset_name``, else the
    config's) over the defaults. Times in seconds become integer milliseconds here.
    Raises ValueError for an unknown preset or key, or a bad or conflicting value."""
    config = config or {}
    overrides = {k: v for k, v in overrides.items() if v is not None}
    if "preset" in overrides:
        raise ValueError("the preset goes in preset_name, not in overrides")
    for key, value in [*config.items(), *overrides.items()]:
        if problem := _problem(key, value):
            raise ValueError(problem)
    name = preset_name or config.get("preset")
    rules = preset(name) if name else CaptionRules()
    changes = {}
    for key, value in ({k: v for k, v in config.items() if k not in OTHER_KEYS} | overrides).items():
        field, integer, unit, *_ = RULE_KEYS[key]
        if unit:
            value = round(value * unit)
        elif not integer:
            value = float(value)
        changes[field] = value
    try:
        return replace(rules, **changes)
    except ValueError as exc:
        message = str(exc)
        for key, (field, *_) in RULE_KEYS.items():
            message = message.replace(field, key)
        raise ValueError(message) from None


def ignored_rules(value: object) -> frozenset[str]:
    """The `check` rules named by ``ignore`` (a list in the file, a comma list on the command
    line). Raises ValueError naming an unknown rule."""
    from .check import RULES

    names = value.split(",") if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"ignore must be a list of rule names ({', '.join(RULES)}), not {value!r}")
    names = [n.strip().lower().replace("-", "_") for n in names if n.strip()]
    unknown = [n for n in names if n not in RULES]
    if unknown:
        raise ValueError(f"ignore: unknown rule {unknown[0]!r}; rules: {', '.join(RULES)}")
    return frozenset(names)


def _problem(key: str, value: object) -> str | None:
    """What is wrong with one setting, or None."""
    if key == "preset":
        if not isinstance(value, str) or value.strip().lower() not in PRESETS:
            return f"preset must be one of {', '.join(PRESETS)}, not {value!r}"
        return None
    if key == "cluster":
        if not isinstance(value, str) or not value.strip():
            return f"cluster must be a scheduler address (\"tcp://host:8786\") or \"local:N\", not {value!r}"
        return None
    if key == "ignore":
        try:
            ignored_rules(value)
        except ValueError as exc:
            return str(exc)
        return None
    if key not in RULE_KEYS:
        known = [*OTHER_KEYS, *RULE_KEYS]
        guess = difflib.get_close_matches(key, known, 1)
        return (f"unknown key {key!r}" + (f" (did you mean {guess[0]!r}?)" if guess else "")
                + f"; known keys: {', '.join(known)}")
    _, integer, unit, low, low_allowed, high = RULE_KEYS[key]
    kind = "a whole number" if integer else "a number"
    if isinstance(value, bool) or not isinstance(value, int if integer else (int, float)) or not math.isfinite(value):
        return f"{key} must be {kind}{' of seconds' if unit else ''}, not {value!r}"
    if value < low or (value == low and not low_allowed) or value > high:
        return f"{key} must be {'at least' if low_allowed else 'above'} {low} and at most {high}, not {value!r}"
    return None


def _line_of(text: str, key: str) -> int | None:
    """The line where ``key`` is set or opens a table (tomllib reports lines only for syntax
    errors)."""
    name = rf"""(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')"""
    pattern = re.compile(rf"\s*(?:{name}\s*[=.]|\[+\s*{name}\s*[\].])")
    for number, line in enumerate(text.splitlines(), 1):
        if pattern.match(line):
            return number
    return None
