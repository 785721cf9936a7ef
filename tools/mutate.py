#!/usr/bin/env python3
"""Mutation testing: does the suite notice when a behaviour breaks?

Run through tools/mutate.sh (see there for usage). For each mutation of the
list (tools/mutations.txt), on a copy of the tree: replace one snippet of one
file, rebuild what that affects, run the tests, and put the file back. A
mutation is *killed* when a test fails, and *survives* when the whole suite
passes with it: a behaviour no test checks. A mutant that does not build (the
project builds with -Werror) tells nothing about the tests and is reported
apart, to be rewritten. The report lists each mutation's fate and the score
(killed / run).

The copy lives in --dir (default /tmp/annals-mutate): src/ mirrors the
working tree's files (git ls-files: tracked and untracked-but-not-ignored),
copied only when they differ so that make rebuilds only what changed; build/
is its release build, kept between runs.
"""

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TESTS = ("unit", "render")


class Mutation:
    def __init__(self, ident, line):
        self.id = ident
        self.line = line  # of the list, for messages
        self.what = ""
        self.file = ""
        self.find = ""
        self.replace = None
        self.tests = list(DEFAULT_TESTS)


def parse_list(path):
    """The mutation list: blocks of `key = value` lines under `[id]`."""
    mutations, current, seen = [], None, set()
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("[") and line.rstrip().endswith("]"):
            ident = line.strip()[1:-1]
            if ident in seen:
                sys.exit(f"{path}:{n}: duplicate mutation id {ident}")
            seen.add(ident)
            current = Mutation(ident, n)
            mutations.append(current)
            continue
        if current is None or " = " not in line:
            sys.exit(f"{path}:{n}: expected [id] or 'key = value'")
        key, value = line.split(" = ", 1)
        key = key.strip()
        value = value.replace("\\n", "\n")
        if key == "what":
            current.what = value
        elif key == "file":
            current.file = value.strip()
        elif key == "find":
            current.find = value
        elif key == "replace":
            current.replace = value
        elif key == "tests":
            current.tests = [t.strip() for t in value.split(",") if t.strip()]
        else:
            sys.exit(f"{path}:{n}: unknown key {key}")
    for m in mutations:
        if not (m.what and m.file and m.find and m.replace is not None):
            sys.exit(f"{path}:{m.line}: [{m.id}] needs what, file, find and replace")
        if m.find == m.replace:
            sys.exit(f"{path}:{m.line}: [{m.id}] replaces its snippet with itself")
    return mutations


def tree_files():
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                         cwd=ROOT, check=True, capture_output=True).stdout
    return [f for f in out.decode("utf-8").split("\0") if f and (ROOT / f).is_file()]


def mirror(src_dir):
    """Makes src_dir hold the working tree's files, touching only what differs."""
    files = tree_files()
    wanted = set(files)
    for f in files:
        dst = src_dir / f
        if dst.is_file() and filecmp.cmp(ROOT / f, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / f, dst)
        shutil.copymode(ROOT / f, dst)
    for dirpath, _, names in os.walk(src_dir):
        for name in names:
            rel = os.path.relpath(os.path.join(dirpath, name), src_dir)
            if rel not in wanted:
                os.remove(os.path.join(dirpath, name))


def run(cmd, cwd, log):
    with open(log, "ab") as out:
        out.write(("\n$ " + " ".join(cmd) + "\n").encode())
        out.flush()
        return subprocess.run(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT).returncode


def build(build_dir, log, jobs):
    return run(["cmake", "--build", str(build_dir), "-j", str(jobs), "--target", "annals", "annals_unit_tests",
                "annals_render_tests"], build_dir, log) == 0


def failed_tests(log, since):
    """The GoogleTest tests that failed, from the log's bytes after `since`."""
    with open(log, "rb") as f:
        f.seek(since)
        text = f.read().decode("utf-8", "replace")
    names = []
    for line in text.splitlines():
        if line.startswith("[  FAILED  ] ") and "listed below" not in line and " test" not in line[13:].split("(")[0]:
            name = line[13:].split(" ")[0]
            if name not in names:
                names.append(name)
    return names


def run_tests(build_dir, labels, log, all_tests=False):
    """Runs the labels in order, stopping at the first label that fails. Unit
    and render run as their GoogleTest executables (all tests in one process,
    stopping at the first failing test unless all_tests); other labels through
    ctest. Returns the failing label and the tests that failed in it."""
    for label in labels:
        fail_fast = [] if all_tests else ["--gtest_fail_fast"]
        if label in ("unit", "render"):
            cmd = [str(build_dir / "tests" / f"annals_{label}_tests"), "--gtest_brief=1"] + fail_fast
        else:
            cmd = ["ctest", "--test-dir", str(build_dir), "-L", label, "--output-on-failure"]
            if not all_tests:
                cmd.append("--stop-on-failure")
        since = os.path.getsize(log)
        if run(cmd, build_dir, log) != 0:
            return label, failed_tests(log, since)
    return None, []


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", default=str(ROOT / "tools" / "mutations.txt"))
    ap.add_argument("--dir", default="/tmp/annals-mutate")
    ap.add_argument("--only", default="", help="comma-separated mutation ids")
    ap.add_argument("--gui", action="store_true", help="also run mutations whose tests include gui")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--all-tests", action="store_true",
                    help="run every test of the failing label and name those that fail (slower)")
    args = ap.parse_args()

    mutations = parse_list(Path(args.list))
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {m.id for m in mutations}
        if unknown:
            sys.exit("unknown mutation ids: " + ", ".join(sorted(unknown)))
        mutations = [m for m in mutations if m.id in wanted]

    work = Path(args.dir)
    src, build_dir = work / "src", work / "build"
    src.mkdir(parents=True, exist_ok=True)
    log = work / "mutate.log"
    log.write_text("")
    mirror(src)
    # Every snippet must be found exactly once before anything is built.
    for m in mutations:
        text = (src / m.file).read_text(encoding="utf-8") if (src / m.file).is_file() else None
        if text is None:
            sys.exit(f"[{m.id}] no file {m.file}")
        if text.count(m.find) != 1:
            sys.exit(f"[{m.id}] the snippet occurs {text.count(m.find)} times in {m.file}, not once: {m.find!r}")

    if not (build_dir / "CMakeCache.txt").exists():
        print("mutate: configuring the copy (first run: a full build follows)", flush=True)
        if run(["cmake", "-S", str(src), "-B", str(build_dir), "-DCMAKE_BUILD_TYPE=RelWithDebInfo"], work, log):
            sys.exit(f"mutate: cmake failed; see {log}")
    print("mutate: building and testing the unmutated copy", flush=True)
    if not build(build_dir, log, args.jobs):
        sys.exit(f"mutate: the unmutated copy does not build; see {log}")
    baseline_labels = list(DEFAULT_TESTS) + (["gui"] if args.gui else [])
    failed, _ = run_tests(build_dir, baseline_labels, log)
    if failed:
        sys.exit(f"mutate: the unmutated copy fails its {failed} tests; see {log}")

    results = []
    for i, m in enumerate(mutations, 1):
        if "gui" in m.tests and not args.gui:
            results.append((m, "not run (needs --gui)", 0.0))
            print(f"[{i}/{len(mutations)}] {m.id}: not run (needs --gui)", flush=True)
            continue
        path = src / m.file
        original = path.read_text(encoding="utf-8")
        start = time.monotonic()
        try:
            path.write_text(original.replace(m.find, m.replace), encoding="utf-8")
            with open(log, "a") as out:
                out.write(f"\n===== [{m.id}] {m.what}\n")
            if not build(build_dir, log, args.jobs):
                # With -Werror a mutant the compiler refuses tells nothing
                # about the tests: the mutation needs rewriting.
                fate = "does not build"
            else:
                failed, tests = run_tests(build_dir, m.tests, log, args.all_tests)
                if not failed:
                    fate = "SURVIVED"
                elif args.all_tests and tests:
                    fate = f"killed ({failed}: {', '.join(tests)})"
                else:
                    fate = f"killed ({failed})"
        finally:
            # Put the file back, newer than any object built from the mutant.
            path.write_text(original, encoding="utf-8")
            os.utime(path)
        elapsed = time.monotonic() - start
        results.append((m, fate, elapsed))
        print(f"[{i}/{len(mutations)}] {m.id}: {fate} ({elapsed:.0f} s)", flush=True)
    # Leave the copy built as the tree is.
    build(build_dir, log, args.jobs)

    run_ = [r for r in results if r[1].startswith("killed") or r[1] == "SURVIVED"]
    killed = [r for r in run_ if r[1].startswith("killed")]
    survived = [r for r in run_ if r[1] == "SURVIVED"]
    unbuilt = [r for r in results if r[1] == "does not build"]
    print("\n" + f"{'mutation':<24} {'fate':<19} what")
    for m, fate, _ in results:
        print(f"{m.id:<24} {fate:<19} {m.what}")
    not_run = len(results) - len(run_) - len(unbuilt)
    print(f"\nscore: {len(killed)}/{len(run_)} killed" + (f", {not_run} not run" if not_run else ""))
    for m, _, _ in survived:
        print(f"survived: {m.id} ({m.file}): {m.what}")
    for m, _, _ in unbuilt:
        print(f"does not build, rewrite it: {m.id} ({m.file})")
    print(f"log: {log}")
    return 1 if survived or unbuilt else 0


if __name__ == "__main__":
    sys.exit(main())
