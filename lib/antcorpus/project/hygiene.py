"""Text the build passes on: free of the machine it ran on, safe for a terminal.

Kernels write warnings to stderr that depend on the machine, not the analysis (a font
cache being built, a font not found, the kernel's transport). The runner drops stream
lines matching MACHINE_NOISE before a notebook is written, so committed outputs and
the build log read the same on every machine.
"""

from __future__ import annotations

import re
import unicodedata

# Machine-dependent stderr lines, dropped from stream outputs (with the source line
# that Python's warnings module prints under a matching warning):
MACHINE_NOISE = re.compile(
    "|".join(
        (
            r"Matplotlib is building the font cache",  # first run on a machine
            r"Matplotlib created a temporary cache directory",  # unwritable home
            r"findfont: ",  # font lookup, depends on the fonts installed
            r"Fontconfig (warning|error)",  # the system's fontconfig setup
            r"Kernel is running over TCP without encryption",  # ipykernel transport
            r"[Hh]eartbeat",  # kernel heartbeat chatter
            r"Jupyter is migrating its paths",  # jupyter_core deprecation notice
        )
    )
)
WARNING_LINE = re.compile(r"^\S.*:\d+: \w*Warning: ")
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
# Direction overrides and isolates: they can make a terminal show text out of order.
BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def drop_machine_noise(text: str) -> str:
    """`text` without machine-dependent warning lines."""
    kept, skip_source = [], False
    for line in text.splitlines(keepends=True):
        if skip_source and line.startswith("  "):
            skip_source = False
            continue
        skip_source = False
        if MACHINE_NOISE.search(line):
            skip_source = bool(WARNING_LINE.match(line))
            continue
        kept.append(line)
    return "".join(kept)


def clean_streams(nb) -> None:
    """Drop machine noise from every stderr stream output; drop outputs left empty."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.outputs:
            if out.output_type == "stream" and out.name == "stderr":
                out.text = drop_machine_noise(out.text)
        cell.outputs = [o for o in cell.outputs if o.output_type != "stream" or o.text]


def terminal_safe(text: str) -> str:
    """`text` fit to print: escape sequences and control characters removed.

    Newlines and tabs stay.
    """
    text = ANSI.sub("", str(text)).translate(BIDI)
    return "".join(
        ch
        for ch in text
        if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
