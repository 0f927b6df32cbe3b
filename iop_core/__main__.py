"""Command line: `python -m iop_core schema | assess FILE | pdf FILE -o OUT | hash-password`.

Bad input exits with status 2 and one Swedish line on stderr naming what to fix; never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from iop_core.report.picture import leaning_label, light_label
from iop_core.rules.assessment import assess, assess_all
from iop_core.rules.catalogue import frameworks
from iop_core.rules.citations import cite_all
from iop_core.screening.model import Assessment, Screening
from iop_core.screening.persistence import MAX_FILE_BYTES, ScreeningFileError, load_screening, screening_schema


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would exit 2 with English usage noise
        self.print_usage(sys.stderr)
        sys.stderr.write(f"Fel: {message}\n")
        raise SystemExit(2)


def _read_screening(path: str) -> Screening:
    """Read at most MAX_FILE_BYTES + 1 bytes, so /dev/zero or a huge file costs nothing."""
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ScreeningFileError(f"Filen {path} kunde inte läsas ({exc.strerror}).") from None
    return load_screening(raw)


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise ScreeningFileError(f"Filen {path} kunde inte skrivas ({exc.strerror}).") from None


def format_text(a: Assessment) -> str:
    fw = frameworks()[a.framework]
    out = [
        f"Ramverk: {fw.name}",
        f"Bedömning: {leaning_label(a.classification)} [{light_label(a.traffic_light).upper()}]",  # the app's words
        a.summary,
        "",
    ]
    for f in a.findings:
        cites = cite_all(f.citations)
        out.append(f"- [{f.severity}] {f.title} ({cites})")
        out.extend(f"    {fact}" for fact in f.facts)
        out.append(f"    Nästa steg: {f.next_step}")
    if a.missing:
        out.append("")
        out.append("Obesvarade frågor:")
        out.extend(f"- {m.question}" for m in a.missing)
    out.extend(["", a.disclaimer])
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = _Parser(prog="python -m iop_core", description="IOP-screening från kommandoraden.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("schema", help="skriv ut JSON Schema för en sparad bedömning")
    p_assess = sub.add_parser("assess", help="bedöm en sparad bedömning")
    p_assess.add_argument("file")
    p_assess.add_argument("--framework", choices=[*frameworks(), "all"], default=None)
    p_assess.add_argument("--format", choices=["text", "json"], default="text")
    p_pdf = sub.add_parser("pdf", help="skapa avtalsutkastet som PDF")
    p_pdf.add_argument("file")
    p_pdf.add_argument("-o", "--output", required=True)
    p_pdf.add_argument("--framework", choices=list(frameworks()), default=None)
    sub.add_parser("hash-password", help="argon2-hash för ett lokalt handläggarkonto (lösenordet läses från stdin)")
    args = parser.parse_args(argv)
    if args.command == "hash-password":
        from iop_core.council.officers import PASSWORD_MAX, PASSWORD_MIN, hash_password, password_meets_policy

        password = sys.stdin.readline(PASSWORD_MAX + 2).rstrip("\n")
        if not password_meets_policy(password):
            sys.stderr.write(f"Fel: lösenordet ska ha minst {PASSWORD_MIN} och högst {PASSWORD_MAX} tecken.\n")
            return 2
        print(hash_password(password))
        return 0

    try:
        if args.command == "schema":
            print(json.dumps(screening_schema(), ensure_ascii=False, indent=2))
            return 0
        screening = _read_screening(args.file)
        if args.command == "assess":
            if args.framework == "all":
                results = assess_all(screening)
            else:
                results = [assess(screening, args.framework)]
            if args.format == "json":
                payload = [r.model_dump(mode="json") for r in results]
                print(json.dumps(payload if args.framework == "all" else payload[0], ensure_ascii=False, indent=2))
            else:
                print("\n\n".join(format_text(r) for r in results))
            return 0
        if args.command == "pdf":
            from iop_core.report.build import build_report_pdf  # heavy import only when asked

            data = build_report_pdf(screening, args.framework)
            _write(args.output, data)
            print(f"Skrev {args.output} ({len(data) // 1024} kB).")
            return 0
    except ScreeningFileError as exc:
        sys.stderr.write(f"Fel: {exc}\n")
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback (it could quote user text)
        sys.stderr.write(f"Fel: något oväntat gick fel ({type(exc).__name__}). Kontrollera filen och försök igen.\n")
        return 1
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
