"""Linux: shrink the bundle's ICU data library to what an Arabic and English app needs.

PySide6's Linux wheels carry ICU (``libicudata.so.73``, 32 MB), which Qt links for
collation, case mapping and text codecs. Most of it is locale data for some 800 locales,
converter tables for East Asian multibyte encodings, dictionaries for breaking Chinese,
Japanese, Thai, Lao, Khmer and Burmese text into words, and transliteration rules. None of
that serves this app: its interface is Arabic or English, and its text handling (tokens,
offsets, normalization) is the project's own Python. Keeping ``root``, ``ar*`` and
``en*`` in every locale tree, the single-byte code pages (the Arabic ones among them) and
every shared table takes the library to 6.3 MB.

How: the data is one ICU package (``icudt73l``) held by the library's one symbol
(``icudt73_dat``). It is cut out of the file, ``icupkg`` (ICU's own tool, Debian's
``icu-devtools``) removes the items, refusing any another item still needs, and the C
compiler links the smaller package into a library of the same name and symbol.
Without ``icupkg`` or ``cc`` the step is skipped with a message and the bundle keeps
the whole library (it works the same, 26 MB larger).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

#: Locale data (``ar_EG.res``, ``coll/zh_Hant.res``...) is kept for these languages.
KEPT_LANGUAGES = ("root", "ar", "en")
LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*$")
#: Word-break dictionaries of scripts written without spaces.
DICTIONARIES = frozenset(
    {"cjdict.dict", "thaidict.dict", "laodict.dict", "khmerdict.dict", "burmesedict.dict"}
)
#: Converter tables above this size are East Asian multibyte encodings.
LARGEST_CONVERTER = 100_000


def removable(item: str, size: int) -> bool:
    """Whether an item of the ICU package (``coll/zh.res``, ``gb18030.cnv``) goes."""
    parts = item.split("/")
    leaf = parts[-1]
    stem, _, ext = leaf.rpartition(".")
    if parts[0] == "translit" or leaf in DICTIONARIES:
        return True
    if ext == "cnv":
        return size > LARGEST_CONVERTER
    if ext == "res" and stem != "res_index" and LOCALE.match(stem):
        return stem.split("_")[0] not in KEPT_LANGUAGES
    return False


def _symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol's name, file offset and size (from ``readelf``)."""
    symbols = subprocess.run(
        ["readelf", "--dyn-syms", "-W", str(library)], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+(\d+)\s+"
                      r"(icudt\d+_dat)\s*$", symbols, re.M)  # fmt: skip
    if not found:
        raise RuntimeError(f"{library}: no icudtNN_dat symbol")
    address, size, section = int(found[1], 16), int(found[2], 0), int(found[3])
    sections = subprocess.run(
        ["readelf", "-S", "-W", str(library)], capture_output=True, text=True, check=True
    ).stdout
    row = re.search(rf"\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if not row:
        raise RuntimeError(f"{library}: section {section} not found")
    offset = address - int(row[1], 16) + int(row[2], 16)
    return found[4], offset, size


def _remove(package: Path, gone: set[str], target: Path) -> None:
    """``icupkg -r``; an item that needs a removed one (a code page built on a removed
    East Asian table) is removed too, as icupkg names them, until nothing is missing."""
    listing = target.with_name("remove.txt")
    for _ in range(10):
        listing.write_text("\n".join(sorted(gone)) + "\n")
        done = subprocess.run(["icupkg", "-r", str(listing), str(package), str(target)],
                              capture_output=True, text=True)  # fmt: skip
        if done.returncode == 0:
            return
        needing = set(re.findall(r"Item (\S+) depends on missing item", done.stdout + done.stderr))
        if not needing - gone:
            raise RuntimeError(f"icupkg failed: {(done.stderr or done.stdout).strip()}")
        gone |= needing
    raise RuntimeError("icupkg: the items to remove did not settle")


def trim(library: Path) -> tuple[int, int] | None:
    """Replace ``library`` with one holding the trimmed package; (bytes before, after).

    None when the tools are missing (nothing changed).
    """
    if not (shutil.which("icupkg") and shutil.which("cc") and shutil.which("readelf")):
        return None
    before = library.stat().st_size
    symbol, offset, size = _symbol(library)
    # icupkg takes the package's name (the items' prefix) from the file's name.
    name = symbol.removesuffix("_dat") + "l.dat"  # icudt73l: little-endian, ASCII
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with library.open("rb") as fh:
            fh.seek(offset)
            (work / name).write_bytes(fh.read(size))
        items = work / "items"
        items.mkdir()
        subprocess.run(["icupkg", "-x", "*", "-d", str(items), str(work / name)],
                       check=True, capture_output=True)  # fmt: skip
        gone = sorted(
            str(p.relative_to(items))
            for p in items.rglob("*")
            if p.is_file() and removable(str(p.relative_to(items)), p.stat().st_size)
        )
        (work / "out").mkdir()
        _remove(work / name, set(gone), work / "out" / name)
        (work / "data.S").write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n"
            "\t.balign 16\n"
            f"{symbol}:\n"
            f'\t.incbin "{work / "out" / name}"\n'
            f"\t.size {symbol}, .-{symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        built = work / library.name
        subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}",
                        "-o", str(built), str(work / "data.S")], check=True)  # fmt: skip
        subprocess.run(["strip", str(built)], check=True)
        partial = library.with_name(library.name + ".partial")
        shutil.copyfile(built, partial)
        partial.replace(library)
    return before, library.stat().st_size
