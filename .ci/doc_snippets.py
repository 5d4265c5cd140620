#!/usr/bin/env python3
"""Compile every C# block of README.md, docs/**/*.md and src/*/README.md, and run the self-contained ones.

The convention (annotations, preludes, data files) is documented in docs/snippets/README.md.

Each C# block becomes a C# program of top-level statements in its own project under artifacts/doc-snippets/
(usings hoisted to the top, type declarations moved after the statements, `#line` directives pointing at the
markdown so that compiler errors and stack traces name the markdown file and line). One generated solution
holds every project, so one restore and one `dotnet build` compile all of them (in parallel, building the
library once); then each program that is not compile-only runs, one after the other, with a timeout.

Usage: python3 .ci/doc_snippets.py [options] [FILE.md ...] [-- MSBUILD-ARGS...]
Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "artifacts" / "doc-snippets"
PRELUDES = ROOT / "docs" / "snippets"
DATA = ROOT / "data"
SOLUTION = OUT / "doc-snippets.slnx"
MARKER = "snippet.json"  # written in every generated project directory; stale ones are removed
# Every snippet project references these (repository-relative); a snippet sees the whole public surface.
REFERENCES = [
    "src/ValueSegmentation/ValueSegmentation.csproj",
    "src/ValueSegmentation.Probabilistic/ValueSegmentation.Probabilistic.csproj",
    "src/ValueSegmentation.Data/ValueSegmentation.Data.csproj",
    "src/ValueSegmentation.Extensions.DependencyInjection/ValueSegmentation.Extensions.DependencyInjection.csproj",
    "src/ValueSegmentation.Sql/ValueSegmentation.Sql.csproj",
    "src/ValueSegmentation.DuckDb/ValueSegmentation.DuckDb.csproj",
]
CSHARP_INFO = {"csharp", "cs", "c#"}
MAX_ERRORS = 20  # per snippet


class SnippetError(Exception):
    """A malformed annotation, prelude or block: reported with its location, fails the check."""


# ---------------------------------------------------------------------------------------------------------------
# Annotations: `<!-- snippet: KEY[=VALUE] ... -->` above a fence, `// snippet: ...` at the top of a prelude.

ANNOTATION_MD = re.compile(r"^\s*<!--\s*snippet:(?P<body>.*?)-->\s*$")
ANNOTATION_MD_LOOSE = re.compile(r"^\s*<!--\s*snippet\b")
ANNOTATION_CS = re.compile(r"^\s*//\s*snippet:(?P<body>.*)$")
TOKEN = re.compile(r'\s*(?P<key>[a-z][a-z-]*)(?:=(?:"(?P<quoted>[^"]*)"|(?P<bare>[^\s"]+)))?\s*')
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclasses.dataclass
class Options:
    preludes: list[str] = dataclasses.field(default_factory=list)
    data: list[str] = dataclasses.field(default_factory=list)
    compile_only: bool = False
    skip: bool = False
    reason: str | None = None


def parse_annotation(body: str, where: str, allowed: set[str], options: Options) -> None:
    pos = 0
    body = body.strip()
    while pos < len(body):
        m = TOKEN.match(body, pos)
        if not m or m.end() == pos:
            raise SnippetError(f"{where}: cannot read the snippet annotation at '{body[pos:]}'")
        pos = m.end()
        key, value = m["key"], m["quoted"] if m["quoted"] is not None else m["bare"]
        if key not in allowed:
            raise SnippetError(f"{where}: unknown snippet annotation '{key}' (allowed here: {', '.join(sorted(allowed))})")
        flag = key in ("compile-only", "skip")
        if flag and value is not None:
            raise SnippetError(f"{where}: '{key}' takes no value")
        if not flag and not value:
            raise SnippetError(f"{where}: '{key}' needs a value ({key}=...)")
        if key in ("prelude", "data"):
            names = [v for v in value.split(",") if v]
            for name in names:
                if not NAME.match(name):
                    raise SnippetError(f"{where}: '{name}' is not a valid {key} name")
            (options.preludes if key == "prelude" else options.data).extend(names)
        elif key == "compile-only":
            options.compile_only = True
        elif key == "skip":
            options.skip = True
        elif key == "reason":
            options.reason = value
    if options.skip and not (options.reason and options.reason.strip()):
        raise SnippetError(f'{where}: skip needs a reason: <!-- snippet: skip reason="..." -->')
    if options.reason is not None and not options.skip:
        raise SnippetError(f"{where}: 'reason' goes with 'skip'")
    if options.skip and (options.preludes or options.data or options.compile_only):
        raise SnippetError(f"{where}: a skipped block takes no other annotation")


# ---------------------------------------------------------------------------------------------------------------
# Markdown: fenced code blocks (CommonMark fences: ``` or ~~~, closed by a fence of the same character at least
# as long; indented fences inside list items are accepted and their indentation removed).

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


@dataclasses.dataclass
class Snippet:
    md: Path  # absolute
    fence_line: int  # 1-based line of the opening fence
    index: int  # 1-based among the C# blocks of its file
    lines: list[str]  # content, fence indentation removed
    first_line: int  # 1-based markdown line of lines[0]
    options: Options
    name: str = ""  # project name, set later

    @property
    def where(self) -> str:
        return f"{rel(self.md)}:{self.fence_line}"


def rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def read_markdown(md: Path) -> list[Snippet]:
    text = md.read_text(encoding="utf-8")
    lines = text.splitlines()
    snippets: list[Snippet] = []
    consumed: set[int] = set()  # 0-based lines of annotations that belong to a C# block
    fenced: set[int] = set()  # 0-based lines of fenced blocks, fences included
    i = 0
    count = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m or (m["fence"][0] == "`" and "`" in m["info"]):
            i += 1
            continue
        indent, fence, info = len(m["indent"].expandtabs(4)), m["fence"], m["info"].strip()
        lang = info.split()[0].lower() if info else ""
        start = i
        body: list[str] = []
        i += 1
        while i < len(lines):
            c = FENCE.match(lines[i])
            if c and c["fence"][0] == fence[0] and len(c["fence"]) >= len(fence) and not c["info"].strip():
                break
            line = lines[i].expandtabs(4)
            strip = min(indent, len(line) - len(line.lstrip(" ")))
            body.append(line[strip:])
            i += 1
        i += 1  # past the closing fence (or the end of the file: an unclosed fence runs to the end)
        fenced.update(range(start, i))
        # The annotation lines directly above the fence.
        annotations: list[tuple[int, str]] = []
        j = start - 1
        while j >= 0 and ANNOTATION_MD.match(lines[j]):
            annotations.insert(0, (j, ANNOTATION_MD.match(lines[j])["body"]))
            j -= 1
        if lang not in CSHARP_INFO:
            if annotations:
                raise SnippetError(f"{rel(md)}:{annotations[0][0] + 1}: a snippet annotation above a '{lang or 'plain'}' block "
                                   "(annotations apply to csharp blocks only)")
            continue
        count += 1
        options = Options()
        for line_index, annotation in annotations:
            consumed.add(line_index)
            parse_annotation(annotation, f"{rel(md)}:{line_index + 1}", {"prelude", "data", "compile-only", "skip", "reason"}, options)
        snippets.append(Snippet(md, start + 1, count, body, start + 2, options))
    for n, line in enumerate(lines):
        if ANNOTATION_MD_LOOSE.match(line) and n not in consumed and n not in fenced:
            raise SnippetError(f"{rel(md)}:{n + 1}: a snippet annotation must be a whole line "
                               "'<!-- snippet: ... -->' directly above a csharp fence")
    return snippets


# ---------------------------------------------------------------------------------------------------------------
# C#: split a block into using directives, file-based-app directives, statements and type declarations.

STRING_START = re.compile(r'\$*@?\$*"')
CHAR_LITERAL = re.compile(r"'(?:\\[^']*|[^'\\\n])'")
USING_DIRECTIVE = re.compile(r"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?[^;=()]+;\s*(?://.*)?$")
TYPE_HEADER = re.compile(
    r"^\s*(?:(?:public|internal|private|protected|file|sealed|abstract|static|partial|readonly|ref|unsafe|new)\s+)*"
    r"(?:class|struct|interface|enum|record(?:\s+(?:class|struct))?|delegate)\s+[A-Za-z_@]|^\s*namespace\s+[A-Za-z_@]")
ATTRIBUTE_LINE = re.compile(r"^\s*\[.*\]\s*$")
COMMENT_LINE = re.compile(r"^\s*(?://.*|/\*.*\*/)\s*$")


def skip_string(t: str, i: int) -> int:
    """t[i] starts a string literal (with its $ and @ prefixes); returns the index after it."""
    j = i
    dollars = verbatim = 0
    while t[j] in "$@":
        dollars += t[j] == "$"
        verbatim += t[j] == "@"
        j += 1
    quotes = 0
    while j + quotes < len(t) and t[j + quotes] == '"':
        quotes += 1
    if quotes >= 3:  # raw string literal: ends at the same run of quotes
        end = t.find('"' * quotes, j + quotes)
        return len(t) if end < 0 else end + quotes
    if quotes == 2:  # ""
        return j + 2
    j += 1
    while j < len(t):
        c = t[j]
        if c == '"':
            if verbatim and t.startswith('""', j):
                j += 2
                continue
            return j + 1
        if c == "\\" and not verbatim:
            j += 2
            continue
        if c == "\n" and not verbatim:
            return j  # unterminated: let the compiler say so
        if dollars and c == "{":
            if t.startswith("{{", j):
                j += 2
                continue
            j = skip_hole(t, j + 1)
            continue
        j += 1
    return j


def skip_hole(t: str, j: int) -> int:
    """j is just after the '{' of an interpolation hole; returns the index after its '}'."""
    depth = 0
    while j < len(t):
        c = t[j]
        if STRING_START.match(t, j):
            j = skip_string(t, j)
            continue
        if c == "'" and (m := CHAR_LITERAL.match(t, j)):
            j = m.end()
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0 and c == "}":
                return j + 1
            depth -= 1
        j += 1
    return j


def line_boundaries(lines: list[str]) -> list[bool]:
    """For each line: does a new declaration or statement start there? (Not inside brackets, a string or a comment,
    and the code before it ended with ';', '}' or ']' or nothing.)"""
    t = "\n".join(lines) + "\n"
    starts = [True] * len(lines)
    line, depth, last = 0, 0, ""
    i = 0

    def mark_inside(a: int, b: int) -> None:
        nonlocal line
        for _ in range(t.count("\n", a, b)):
            line += 1
            if line < len(starts):
                starts[line] = False

    while i < len(t):
        c = t[i]
        if c == "\n":
            line += 1
            if line < len(starts):
                starts[line] = depth == 0 and last in ("", ";", "}", "]")
            i += 1
        elif t.startswith("//", i) or (c == "#" and not t[t.rfind("\n", 0, i) + 1:i].strip()):
            i = t.index("\n", i)  # a comment, or a preprocessor or #: directive line
        elif t.startswith("/*", i):
            end = t.find("*/", i + 2)
            end = len(t) - 1 if end < 0 else end + 2
            mark_inside(i, end)
            i = end
        elif STRING_START.match(t, i):
            end = skip_string(t, i)
            mark_inside(i, end)
            i, last = end, '"'
        elif c == "'" and (m := CHAR_LITERAL.match(t, i)):
            i, last = m.end(), "'"
        else:
            if c in "([{":
                depth += 1
            elif c in ")]}":
                depth = max(0, depth - 1)
            if not c.isspace():
                last = c
            i += 1
    return starts


@dataclasses.dataclass
class Chunk:
    kind: str  # "using", "directive", "statement", "type"
    lines: list[str]
    first_line: int  # 1-based line in its source file


def split_csharp(lines: list[str], first_line: int) -> list[Chunk]:
    starts = line_boundaries(lines)
    chunks: list[Chunk] = []
    pending: list[int] = []  # comment/attribute lines at a boundary, attached to what follows them
    i = 0

    def emit(kind: str, a: int, b: int) -> None:
        chunks.append(Chunk(kind, lines[a:b], first_line + a))

    def flush_pending(kind: str) -> None:
        if pending:
            emit(kind, pending[0], pending[-1] + 1)
            pending.clear()

    while i < len(lines):
        line = lines[i]
        if not starts[i]:  # continuation of an unterminated construct (the compiler will complain if wrong)
            flush_pending("statement")
            emit("statement", i, i + 1)
            i += 1
            continue
        end = i + 1
        while end < len(lines) and not starts[end]:
            end += 1
        if not line.strip():
            flush_pending("statement")
            emit("statement", i, end)
        elif line.lstrip().startswith("#:"):
            flush_pending("statement")
            emit("directive", i, end)
        elif USING_DIRECTIVE.match(line) and end == i + 1:
            flush_pending("statement")
            emit("using", i, end)
        elif (COMMENT_LINE.match(line) or ATTRIBUTE_LINE.match(line)) and end == i + 1:
            pending.append(i)  # decided by the line that follows
        elif TYPE_HEADER.match(line):
            start = pending[0] if pending else i
            pending.clear()
            emit("type", start, end)
        else:
            flush_pending("statement")
            emit("statement", i, end)
        i = end
    flush_pending("statement")
    # Merge runs of one kind (fewer #line directives, same mapping).
    merged: list[Chunk] = []
    for chunk in chunks:
        if merged and merged[-1].kind == chunk.kind and chunk.kind != "using" and \
                merged[-1].first_line + len(merged[-1].lines) == chunk.first_line:
            merged[-1].lines.extend(chunk.lines)
        else:
            merged.append(chunk)
    return merged


def is_blank(chunk: Chunk) -> bool:
    return all(not l.strip() or COMMENT_LINE.match(l) for l in chunk.lines)


# ---------------------------------------------------------------------------------------------------------------
# Preludes: docs/snippets/<name>.cs, C# top-level statements with a `// snippet: prelude=... data=...` header.

@dataclasses.dataclass
class Prelude:
    name: str
    path: Path
    chunks: list[Chunk]
    options: Options


def load_prelude(name: str, cache: dict[str, Prelude]) -> Prelude:
    if name in cache:
        return cache[name]
    path = PRELUDES / f"{name}.cs"
    if not path.is_file():
        raise SnippetError(f"no prelude '{name}': {rel(path)} does not exist")
    lines = path.read_text(encoding="utf-8").splitlines()
    options = Options()
    for n, line in enumerate(lines):
        if m := ANNOTATION_CS.match(line):
            parse_annotation(m["body"], f"{rel(path)}:{n + 1}", {"prelude", "data"}, options)
    prelude = Prelude(name, path, split_csharp(lines, 1), options)
    cache[name] = prelude
    return prelude


def resolve_preludes(names: list[str], cache: dict[str, Prelude], stack: tuple[str, ...] = ()) -> list[Prelude]:
    """The preludes in dependency order (a prelude's own preludes first), each once."""
    result: list[Prelude] = []
    for name in names:
        if name in stack:
            raise SnippetError(f"prelude cycle: {' -> '.join(stack + (name,))}")
        prelude = load_prelude(name, cache)
        for p in resolve_preludes(prelude.options.preludes, cache, stack + (name,)) + [prelude]:
            if p not in result:
                result.append(p)
    return result


# ---------------------------------------------------------------------------------------------------------------
# Generation.

@dataclasses.dataclass
class Program:
    source: str
    is_library: bool  # only type declarations: compiled as a class library, nothing to run
    data: list[str]
    packages: list[tuple[str, str]]
    properties: list[tuple[str, str]]


def normalise_using(line: str) -> str:
    code = line.split("//")[0]
    return re.sub(r"\s+", " ", code.strip().removeprefix("global ").strip())


def build_program(snippet: Snippet, preludes: list[Prelude]) -> Program:
    snippet_chunks = split_csharp(snippet.lines, snippet.first_line)
    md = str(snippet.md)
    sources = [(str(p.path), p.chunks) for p in preludes] + [(md, snippet_chunks)]
    data = [d for p in preludes for d in p.options.data] + snippet.options.data
    packages: list[tuple[str, str]] = []
    properties: list[tuple[str, str]] = []

    for path, chunks in sources:
        for chunk in chunks:
            if chunk.kind != "directive":
                continue
            for n, line in enumerate(chunk.lines):
                d = line.strip()
                where = f"{rel(Path(path))}:{chunk.first_line + n}"
                if d.startswith("#:project"):
                    continue  # the snippet projects reference the repository's projects already
                if m := re.match(r"#:package\s+([\w.]+)@(\S+)$", d):
                    if not m[1].startswith("ValueSegmentation"):  # the repository's own packages: the projects
                        packages.append((m[1], m[2]))
                elif m := re.match(r"#:property\s+([\w.]+)=(.*)$", d):
                    properties.append((m[1], m[2].strip()))
                elif d:
                    raise SnippetError(f"{where}: unsupported directive '{d}' (#:package NAME@VERSION, #:property, #:project)")

    out: list[str] = [f"// Generated by .ci/doc_snippets.py from {snippet.where}: edit the markdown, not this file."]

    def emit(path: str, chunk: Chunk, prefix: str = "") -> None:
        out.append(f'#line {chunk.first_line} "{path}"')
        out.extend(prefix + line for line in chunk.lines)

    # Usings first: the prelude's as global usings (so that a snippet that does not need one of them is not told
    # its using is unnecessary: unused global usings are not reported), the snippet's own as written.
    own = {normalise_using(l) for c in snippet_chunks if c.kind == "using" for l in c.lines}
    seen: set[str] = set()
    for prelude in preludes:
        for chunk in prelude.chunks:
            if chunk.kind == "using":
                key = normalise_using(chunk.lines[0])
                if key not in own and key not in seen:
                    seen.add(key)
                    emit(str(prelude.path), chunk, "" if chunk.lines[0].lstrip().startswith("global ") else "global ")
    for chunk in snippet_chunks:
        if chunk.kind == "using":
            emit(md, chunk)
    has_statements = False
    for path, chunks in sources:
        for chunk in chunks:
            if chunk.kind == "statement" and not is_blank(chunk):
                has_statements = True
                emit(path, chunk)
    for path, chunks in reversed(sources):  # the snippet's types, then the preludes'
        for chunk in chunks:
            if chunk.kind == "type":
                emit(path, chunk)
    out.append("#line default")
    return Program("\n".join(out) + "\n", not has_statements, list(dict.fromkeys(data)), packages, properties)


DIRECTORY_BUILD_PROPS = """\
<Project>
  <!-- Generated by .ci/doc_snippets.py for the documentation snippet projects next to it. They get the repository's
       settings (nullable, warnings as errors, the recommended analyzers, code style: IDE0005 flags a using the
       snippet does not need), less what makes no sense for a code sample: -->
  <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', '$(MSBuildThisFileDirectory)..'))" />
  <PropertyGroup>
    <!-- CS1591: a sample's public types need no XML documentation. The documentation file stays on: the build
           reports IDE0005 (unnecessary using) only when it is generated.
         CA1303: console text in a sample is not localised (as in docs/examples/Quickstart).
         CA1050: a sample declares its types without a namespace, for brevity. -->
    <NoWarn>$(NoWarn);CS1591;CA1303;CA1050</NoWarn>
    <!-- Never shipped: keep real paths (no /_/ path map in CI) so errors and stack traces name the markdown file. -->
    <ContinuousIntegrationBuild>false</ContinuousIntegrationBuild>
    <IsPackable>false</IsPackable>
    <IsPublishable>false</IsPublishable>
  </PropertyGroup>
</Project>
"""

CSPROJ = """\
<Project Sdk="Microsoft.NET.Sdk">
  <!-- Generated by .ci/doc_snippets.py from {where}: edit the markdown, not this file. -->
  <PropertyGroup>
    <OutputType>{output_type}</OutputType>{properties}
  </PropertyGroup>
  <ItemGroup>
{references}
  </ItemGroup>{items}
</Project>
"""


def xml_escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def project_text(snippet: Snippet, program: Program, directory: Path) -> str:
    def up(path: Path) -> str:
        return os.path.relpath(path, directory).replace(os.sep, "/")

    references = "\n".join(f'    <ProjectReference Include="{up(ROOT / r)}" />' for r in REFERENCES)
    items = ""
    if program.data or program.packages:
        lines = []
        for d in program.data:
            if not (DATA / d).is_file():
                raise SnippetError(f"{snippet.where}: no data file '{d}' in data/")
            lines.append(f'    <None Include="{up(DATA / d)}" Link="data/{d}" CopyToOutputDirectory="PreserveNewest" />')
        for name, version in program.packages:
            lines.append(f'    <PackageReference Include="{xml_escape(name)}" VersionOverride="{xml_escape(version)}" />')
        items = "\n  <ItemGroup>\n" + "\n".join(lines) + "\n  </ItemGroup>"
    properties = "".join(f"\n    <{k}>{xml_escape(v)}</{k}>" for k, v in program.properties)
    return CSPROJ.format(where=snippet.where, output_type="Library" if program.is_library else "Exe",
                         properties=properties, references=references, items=items)


def write_if_changed(path: Path, text: str) -> None:
    """Keeps the timestamps of unchanged files, so an unchanged snippet is not recompiled."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def project_names(snippets: list[Snippet]) -> None:
    """<file-stem>-<n>; a stem shared by two files (README.md, docs/README.md) takes the path instead."""
    stems: dict[str, set[Path]] = {}
    for s in snippets:
        stems.setdefault(s.md.stem, set()).add(s.md)
    for s in snippets:
        stem = s.md.stem
        if len(stems[stem]) > 1:
            stem = rel(s.md.with_suffix("")).replace("/", "-")
        s.name = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{stem}-{s.index}")


# ---------------------------------------------------------------------------------------------------------------
# Build and run.

DIAGNOSTIC = re.compile(r"^\s*(?P<text>.*?\berror\b\s*[A-Z]*\d*\s*:.*?)(?:\s+\[(?P<project>[^\]]+)\])?\s*$")
LOCATION = re.compile(r"^(?P<path>.+?)\((?P<line>\d+),(?P<col>\d+)(?:,\d+,\d+)?\): ")


def pretty(diagnostic: str) -> str:
    """`/abs/README.md(45,5): error CS0103: ...` -> `README.md:45:5: error CS0103: ...`"""
    if m := LOCATION.match(diagnostic):
        return f"{rel(Path(m['path']))}:{m['line']}:{m['col']}: {diagnostic[m.end():]}"
    return diagnostic


def location_key(diagnostic: str) -> tuple[str, int, int]:
    m = re.match(r"^(.+?):(\d+):(\d+): ", diagnostic)
    return (m[1], int(m[2]), int(m[3])) if m else ("~", 0, 0)


def dotnet(args: list[str], timeout: float | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1", DOTNET_CLI_UI_LANGUAGE="en")
    return subprocess.run(["dotnet", *args], cwd=cwd, env=env, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, timeout=timeout)


def output_assembly(directory: Path, name: str, configuration: str) -> list[Path]:
    return list((directory / "bin" / configuration).glob(f"*/{name}.dll"))


def main(argv: list[str]) -> int:
    msbuild_args: list[str] = []
    if "--" in argv:
        at = argv.index("--")
        argv, msbuild_args = argv[:at], argv[at + 1:]
    parser = argparse.ArgumentParser(
        prog="check-doc-snippets",
        description="Compile every C# block of README.md and docs/**/*.md and run the self-contained ones "
                    "(docs/snippets/README.md). Arguments after -- go to dotnet restore and dotnet build.")
    parser.add_argument("files", nargs="*", type=Path, help="markdown files (default: README.md and docs/**/*.md)")
    parser.add_argument("-c", "--configuration", default="Release", help="build configuration (default: Release, as CI)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds each program may run (default: 120)")
    parser.add_argument("--no-run", action="store_true", help="compile only")
    parser.add_argument("--show-output", action="store_true", help="print what each program writes")
    args = parser.parse_args(argv)
    started = time.monotonic()

    if args.files:
        files = [f.resolve() for f in args.files]
    else:
        files = [ROOT / "README.md"] + sorted((ROOT / "docs").rglob("*.md")) + sorted((ROOT / "src").glob("*/README.md"))
    try:
        snippets = [s for f in files for s in read_markdown(f)]
        project_names(snippets)
        cache: dict[str, Prelude] = {}
        programs: dict[str, Program] = {}
        for s in snippets:
            if not s.options.skip:
                missing = [p for p in s.options.preludes if not (PRELUDES / f"{p}.cs").is_file()]
                if missing:
                    raise SnippetError(f"{s.where}: no prelude '{missing[0]}' ({rel(PRELUDES / missing[0])}.cs does not exist)")
                programs[s.name] = build_program(s, resolve_preludes(s.options.preludes, cache))
    except SnippetError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    # Generate the projects and the solution; remove the projects of blocks that no longer exist.
    OUT.mkdir(parents=True, exist_ok=True)
    write_if_changed(OUT / "Directory.Build.props", DIRECTORY_BUILD_PROPS)
    built = [s for s in snippets if not s.options.skip]
    for s in built:
        directory = OUT / s.name
        program = programs[s.name]
        try:
            write_if_changed(directory / f"{s.name}.csproj", project_text(s, program, directory))
        except SnippetError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        write_if_changed(directory / "Snippet.cs", program.source)
        write_if_changed(directory / MARKER, json.dumps({"source": s.where}) + "\n")
        for dll in output_assembly(directory, s.name, args.configuration):
            dll.unlink()  # its presence after the build says the build of this snippet succeeded
    if not args.files:
        names = {s.name for s in built}
        for directory in OUT.iterdir():
            if directory.is_dir() and (directory / MARKER).is_file() and directory.name not in names:
                shutil.rmtree(directory)
    # The referenced projects are in the solution too: a solution build would otherwise build them in their default
    # configuration (Debug), not the one given (-c Release, which CI has just built).
    write_if_changed(SOLUTION, "<Solution>\n" + "".join(
        f'  <Project Path="{p}" />\n'
        for p in [os.path.relpath(ROOT / r, OUT).replace(os.sep, "/") for r in REFERENCES] + [f"{s.name}/{s.name}.csproj" for s in built]
    ) + "</Solution>\n")

    failures = {"build": 0, "run": 0}
    results: list[tuple[Snippet, str, list[str]]] = []
    other_errors: list[str] = []
    by_project: dict[str, list[str]] = {}
    if built:
        common = ["-nologo", "-tl:off", "-v:q", *msbuild_args]
        print(f"doc snippets: {len(built)} C# blocks in {len(files)} markdown files; restoring and building ...", flush=True)
        t0 = time.monotonic()
        restore = dotnet(["restore", str(SOLUTION), *common])
        if restore.returncode != 0:
            print(restore.stdout)
            print("error: dotnet restore of the snippet projects failed", file=sys.stderr)
            return 2
        t1 = time.monotonic()
        build = dotnet(["build", str(SOLUTION), "-c", args.configuration, "--no-restore", "-clp:NoSummary", *common])
        print(f"restored in {t1 - t0:.0f} s, built in {time.monotonic() - t1:.0f} s", flush=True)
        for line in build.stdout.splitlines():
            m = DIAGNOSTIC.match(line)
            if not m:
                continue
            project = Path(m["project"]).stem if m["project"] else ""
            bucket = by_project.setdefault(project, []) if project in programs else other_errors
            text = pretty(m["text"])
            if text not in bucket:
                bucket.append(text)
        if build.returncode != 0 and not any(by_project.values()) and not other_errors:
            other_errors = [l for l in build.stdout.splitlines() if l.strip()][-40:]

    def report(s: Snippet, status: str, details: list[str]) -> None:
        results.append((s, status, details))
        print(f"{s.where}  {status}", flush=True)
        for line in details:
            print(f"    {line}")

    for s in snippets:
        if s.options.skip:
            report(s, f"SKIPPED ({s.options.reason})", [])
            continue
        program = programs[s.name]
        dlls = output_assembly(OUT / s.name, s.name, args.configuration)
        if not dlls:
            failures["build"] += 1
            errors = sorted(by_project.get(s.name, []), key=location_key)
            if len(errors) > MAX_ERRORS:
                errors[MAX_ERRORS:] = [f"... and {len(errors) - MAX_ERRORS} more"]
            report(s, "FAILED (build)", errors or ["(no error of its own: see the errors below)"])
        elif program.is_library:
            report(s, "OK (compiled as a library: type declarations only)", [])
        elif s.options.compile_only or args.no_run:
            report(s, "OK (compile-only)" if s.options.compile_only else "OK (built, not run)", [])
        else:
            t0 = time.monotonic()
            try:
                run = dotnet([str(dlls[0])], timeout=args.timeout, cwd=dlls[0].parent)
                output, code = run.stdout, run.returncode
            except subprocess.TimeoutExpired as e:
                output = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
                code = None
            elapsed = time.monotonic() - t0
            lines = output.splitlines()
            if code == 0:
                report(s, f"OK (ran in {elapsed:.1f} s)", lines if args.show_output else [])
            else:
                failures["run"] += 1
                tail = lines[-30:]
                if len(lines) > 30:
                    tail.insert(0, f"... ({len(lines) - 30} lines before)")
                status = f"timed out after {args.timeout:g} s" if code is None else f"exit code {code}"
                report(s, f"FAILED (run: {status})", tail)

    if other_errors:
        print("\nerrors outside the snippet projects (the library itself, or the generated projects):")
        for line in other_errors:
            print(f"    {line}")

    passed = sum(1 for _, status, _ in results if status.startswith("OK"))
    skipped = sum(1 for s, _, _ in results if s.options.skip)
    failed = failures["build"] + failures["run"]
    summary = f"doc snippets: {passed} passed, {failed} failed"
    if failed:
        summary += f" ({failures['build']} build, {failures['run']} run)"
    if skipped:
        summary += f", {skipped} skipped"
    print(f"\n{summary} ({time.monotonic() - started:.0f} s)")
    return 1 if failed or other_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
