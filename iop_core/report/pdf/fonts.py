"""Where the PDF's fonts are on disk: DejaVu Sans (required) and optional monochrome fallbacks.

Only font *paths* are cached at module level; no font is parsed here. A missing DejaVu Sans is
FontNotFoundError (an operator's fix, named in the message); a missing fallback font is skipped.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTLibError

from iop_core.i18n import t
from iop_core.report.pdf.model import FontNotFoundError

BASE_FONT_REGULAR = "DejaVuSans.ttf"
BASE_FONT_BOLD = "DejaVuSans-Bold.ttf"
FONT_DIR_ENV = "IOP_PDF_FONT_DIR"
SYSTEM_FONT_DIRS: tuple[str, ...] = ("/usr/share/fonts/truetype/dejavu",)

# Optional monochrome fallback fonts (family name, file name, directories).
# NotoColorEmoji is deliberately absent: >255 distinct colour glyphs make
# output() raise in fpdf2 2.8.9.
FALLBACK_FONTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fbhebrew", "NotoSansHebrew-Regular.ttf", ("/usr/share/fonts/truetype/noto",)),
    ("fbarabic", "NotoSansArabic-Regular.ttf", ("/usr/share/fonts/truetype/noto",)),
    ("fbsymbols2", "NotoSansSymbols2-Regular.ttf", ("/usr/share/fonts/truetype/noto",)),
    ("fbsymbola", "Symbola_hint.ttf", ("/usr/share/fonts/truetype/ancient-scripts",)),
)

FONT_ERRORS = (OSError, TTLibError, KeyError, ValueError)
"""What FPDF.add_font raises on a font file that is missing (OSError), not a font or truncated
(fontTools TTLibError) or corrupt inside a table (KeyError, ValueError); tried on damaged copies
of DejaVu and Liberation."""

try:  # text shaping needs uharfbuzz; without it RTL text is rendered unshaped
    import uharfbuzz  # noqa: F401 - only whether it is installed

    HAS_HARFBUZZ = True
except ImportError:  # pragma: no cover - depends on the environment
    HAS_HARFBUZZ = False


@dataclass(frozen=True)
class FontPaths:
    regular: Path
    bold: Path
    fallbacks: tuple[tuple[str, Path], ...]  # (family, path)


def _matplotlib_font_dir() -> Path | None:
    """mpl-data/fonts/ttf of an installed matplotlib, without importing it."""
    try:
        spec = importlib.util.find_spec("matplotlib")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf"


def _env_dir() -> Path | None:
    env = os.environ.get(FONT_DIR_ENV, "").strip()
    return Path(env) if env else None


def _base_font_dirs() -> list[Path]:
    dirs = [d for d in (_env_dir(),) if d is not None]
    dirs.extend(Path(d) for d in SYSTEM_FONT_DIRS)
    mpl = _matplotlib_font_dir()
    if mpl is not None:
        dirs.append(mpl)
    return dirs


def _missing(dirs: list[Path]) -> FontNotFoundError:
    values = {"env": FONT_DIR_ENV, "regular": BASE_FONT_REGULAR, "bold": BASE_FONT_BOLD,
              "searched": ", ".join(str(d) for d in dirs) or "-"}
    return FontNotFoundError(f"{t('pdf.font_missing', 'sv', **values)} / {t('pdf.font_missing', 'en', **values)}")


def _fallbacks() -> tuple[tuple[str, Path], ...]:
    found: list[tuple[str, Path]] = []
    env = _env_dir()
    for family, fname, fdirs in FALLBACK_FONTS:
        if "coloremoji" in fname.lower():  # never, see above
            continue
        candidates = ([env] if env else []) + [Path(d) for d in fdirs]
        path = next((d / fname for d in candidates if (d / fname).is_file()), None)
        if path is not None:
            found.append((family, path))
    return tuple(found)


@functools.cache
def find_fonts() -> FontPaths:
    """Locate the fonts (cached; call ``find_fonts.cache_clear()`` after changing
    ``IOP_PDF_FONT_DIR``). Raises :class:`FontNotFoundError`."""
    dirs = _base_font_dirs()
    for d in dirs:  # regular and bold from the same directory
        regular, bold = d / BASE_FONT_REGULAR, d / BASE_FONT_BOLD
        if regular.is_file():
            return FontPaths(regular=regular, bold=bold if bold.is_file() else regular, fallbacks=_fallbacks())
    raise _missing(dirs)
