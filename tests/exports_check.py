#!/usr/bin/env python3
"""Reads Afterview's CSV and iCalendar exports back with parsers that share
no code with Afterview: Python's csv module and the `icalendar` package
(PyPI, pinned in scripts/setup.sh). Run by src-tauri/tests/exports.rs
(part of `cargo test --workspace`), which then checks the values read.

    python3 tests/exports_check.py csv FILE   # {"rows": [[cell, ...], ...]}
    python3 tests/exports_check.py ics FILE   # {"events": [{uid, dtstart, ...}]}

Prints what was read as JSON on stdout. Exits 1, with each problem on
stderr, when the file breaks a rule of its format that a spreadsheet or a
calendar app relies on (a byte-order mark and CRLF records for CSV; for
iCalendar: CRLF lines of at most 75 octets, UTC start times, a UID and a
DTSTAMP in every event, no parse error).
"""
import csv
import datetime
import json
import sys

problems = []


def check_csv(path):
    raw = open(path, "rb").read()
    if not raw.startswith(b"\xef\xbb\xbf"):
        problems.append("no UTF-8 byte-order mark (Excel would misread accents)")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append(f"not UTF-8: {e}")
    if not raw.endswith(b"\r\n"):
        problems.append("the last record does not end with CRLF")
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, strict=True))
    if not rows:
        problems.append("no header row")
    else:
        widths = {len(r) for r in rows}
        if len(widths) != 1:
            problems.append(f"rows of different widths: {sorted(widths)}")
    # Every record separator is CRLF: outside quoted cells there is no bare LF.
    in_quotes, prev = False, b""
    for b in raw:
        c = bytes([b])
        if c == b'"':
            in_quotes = not in_quotes
        elif c == b"\n" and not in_quotes and prev != b"\r":
            problems.append("a record ends with a bare LF")
            break
        prev = c
    return {"rows": rows}


def utc_text(value, name, uid):
    if not isinstance(value, datetime.datetime) or value.tzinfo is None:
        problems.append(f"{uid}: {name} is not a UTC date-time: {value!r}")
        return str(value)
    if value.utcoffset() != datetime.timedelta(0):
        problems.append(f"{uid}: {name} is not in UTC: {value!r}")
    return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_ics(path):
    import icalendar

    raw = open(path, "rb").read()
    lines = raw.split(b"\r\n")
    if lines[-1] != b"":
        problems.append("the file does not end with CRLF")
    for i, line in enumerate(lines[:-1], 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {i}: a bare CR or LF")
        if len(line) > 75:
            problems.append(f"line {i}: {len(line)} octets (more than 75, not folded)")
    cal = icalendar.Calendar.from_ical(raw)
    for comp in cal.walk():
        for prop, err in getattr(comp, "errors", []):
            problems.append(f"{comp.name}: cannot parse {prop}: {err}")
    if str(cal.get("VERSION")) != "2.0" or "PRODID" not in cal:
        problems.append("VCALENDAR without VERSION:2.0 or PRODID")
    events = []
    for ev in cal.walk("VEVENT"):
        uid = str(ev.get("UID", ""))
        if not uid or "DTSTAMP" not in ev:
            problems.append(f"an event without UID or DTSTAMP: {uid!r}")
        out = {
            "uid": uid,
            "dtstart": utc_text(ev.decoded("DTSTART"), "DTSTART", uid),
            "summary": str(ev.get("SUMMARY", "")),
            "description": str(ev.get("DESCRIPTION", "")),
            "location": str(ev["LOCATION"]) if "LOCATION" in ev else None,
            "alarms": [],
        }
        if "DTEND" in ev:
            out["dtend"] = utc_text(ev.decoded("DTEND"), "DTEND", uid)
        if "DURATION" in ev:
            out["duration_s"] = int(ev.decoded("DURATION").total_seconds())
        for alarm in ev.walk("VALARM"):
            trig = alarm.decoded("TRIGGER")
            out["alarms"].append(
                {"action": str(alarm.get("ACTION")), "trigger_s": int(trig.total_seconds())}
            )
        events.append(out)
    return {"events": events}


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("csv", "ics"):
        print(__doc__, file=sys.stderr)
        return 2
    kind, path = sys.argv[1:]
    result = check_csv(path) if kind == "csv" else check_ics(path)
    json.dump(result, sys.stdout, ensure_ascii=False)
    for p in problems:
        print(f"{path}: {p}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
