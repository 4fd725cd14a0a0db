"""The content rules for translations: what ``tipcourse check`` says about each language.

A translation may reword everything except what the English points at or counts on:

- links and roles keep their targets (``{doc}``, ``{ref}``, ``{fact}``, ``{school}``,
  ``[text](address)``), and inline code stays as it is;
- a ``{term}`` link names a term of the language's glossary (``locales/terms.yml``);
- every number in the English is in the translation (a wrong year or count would teach a
  wrong fact); digit grouping and decimal marks may follow the language;
- ``{placeholders}`` of the package's fixed text are kept.

Completeness: a message with no translation, or marked fuzzy (its English changed since it
was translated), is reported. On a student-facing catalogue either fails the check; in the
teacher edition's catalogues they are listed (the page then shows the English).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tipcourse.course import Course
from tipcourse.languages import TRANSLATED, locale_dir, read_po_file

ROLE = re.compile(r"\{(?P<role>[\w:-]+)\}`(?P<body>[^`]*)`")
CODE = re.compile(r"(?<![}`])`(?P<code>[^`]+)`")
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
PLACEHOLDER = re.compile(r"(?<!\{)\{(?P<name>[a-z_][a-z0-9_]*)(?:[:!][^{}]*)?\}(?!\})")
TERMS_FILE = "terms.yml"


def role_target(body: str) -> str:
    """``text <target>`` → ``target``; a bare body is its own target."""
    found = re.search(r"<([^<>]+)>\s*$", body)
    return (found[1] if found else body).strip()


# Numbers the English writes as words, which a translation may write in digits.
NUMBER_WORDS = {word: str(n) for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}


def number_words(text: str) -> Counter[str]:
    return Counter(NUMBER_WORDS[w.lower()] for w in re.findall(r"[A-Za-z]+", text)
                   if w.lower() in NUMBER_WORDS)


def numbers(text: str) -> Counter[str]:
    text = ROLE.sub(lambda m: "" if m["role"] in ("doc", "ref", "fact", "school") else m[0],
                    text)
    text = LINK.sub("]", text)
    return Counter(re.sub(r"\D", "", n) for n in NUMBER.findall(text))


def term_table(root: Path, lang: str) -> dict[str, str]:
    """English term → the language's term."""
    path = locale_dir(root) / TERMS_FILE
    if not path.is_file():
        return {}
    from tipcourse.yamlio import read_yaml

    data = read_yaml(path) or {}
    return {str(k): str(v[lang]) for k, v in data.items() if v and lang in v}


def message_problems(msgid: str, msgstr: str, terms: set[str] | None = None) -> list[str]:
    """What a translation of ``msgid`` breaks (empty when it keeps everything it must)."""
    problems = []
    source_roles = Counter((m["role"], role_target(m["body"])) for m in ROLE.finditer(msgid)
                           if m["role"] != "term")
    target_roles = Counter((m["role"], role_target(m["body"])) for m in ROLE.finditer(msgstr)
                           if m["role"] != "term")
    for role, target in source_roles - target_roles:
        problems.append(f"the link {{{role}}}`…{target}…` is missing (keep its target as is)")
    for role, target in target_roles - source_roles:
        problems.append(f"the link {{{role}}}`…{target}…` is not in the English")
    source_terms = [m for m in ROLE.finditer(msgid) if m["role"] == "term"]
    target_terms = [m for m in ROLE.finditer(msgstr) if m["role"] == "term"]
    if len(source_terms) != len(target_terms):
        problems.append(f"the English links {len(source_terms)} glossary term(s), the "
                        f"translation {len(target_terms)}")
    if terms is not None:
        for m in target_terms:
            if role_target(m["body"]).lower() not in terms:
                problems.append(f"{{term}}`{m['body']}` names no term of this language's "
                                f"glossary (see locales/{TERMS_FILE})")
    plain_source, plain_target = ROLE.sub("", msgid), ROLE.sub("", msgstr)
    if Counter(CODE.findall(plain_source)) != Counter(CODE.findall(plain_target)):
        problems.append("inline code (`…`) must stay exactly as in the English")
    if Counter(LINK.findall(msgid)) != Counter(LINK.findall(msgstr)):
        problems.append("a link's address differs from the English")
    missing = numbers(msgid) - numbers(msgstr)
    extra = numbers(msgstr) - numbers(msgid) - number_words(msgid)
    if missing or extra:
        said = ", ".join(sorted(missing)) or "none"
        problems.append(f"numbers differ from the English (missing: {said}; added: "
                        f"{', '.join(sorted(extra)) or 'none'})")
    if Counter(PLACEHOLDER.findall(msgid)) != Counter(PLACEHOLDER.findall(msgstr)):
        problems.append("the {placeholders} must stay as in the English")
    if msgid.count("**") % 2 == 0 and msgstr.count("**") % 2:
        problems.append("an unclosed ** (bold)")
    return problems


@dataclass
class CatalogueStatus:
    """One catalogue's state in one language."""

    path: Path
    domain: str
    total: int
    fuzzy: list[int]
    untranslated: list[int]
    problems: list[tuple[int, str]]

    @property
    def translated(self) -> int:
        return self.total - len(self.fuzzy) - len(self.untranslated)

    @property
    def complete(self) -> bool:
        return not self.fuzzy and not self.untranslated


def read_status(path: Path, domain: str, terms: set[str] | None = None,
                glossary: dict[str, str] | None = None) -> CatalogueStatus:
    catalog = read_po_file(path)
    fuzzy, untranslated, problems = [], [], []
    total = 0
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        total += 1
        if not message.string:
            untranslated.append(message.lineno)
            continue
        if message.fuzzy:
            fuzzy.append(message.lineno)
        for problem in message_problems(message.id, message.string, terms):
            problems.append((message.lineno, problem))
        if glossary and message.id in glossary and message.string != glossary[message.id]:
            problems.append((message.lineno, f"the glossary term {message.id!r} is "
                             f"{glossary[message.id]!r} in this language (locales/{TERMS_FILE})"))
    return CatalogueStatus(path, domain, total, fuzzy, untranslated, problems)


def catalogue_status(root: Path, lang: str, path: Path) -> CatalogueStatus:
    """One catalogue of ``lang`` checked against the language's glossary terms (and, for the
    glossary itself, its entries against the term table)."""
    domain = path.relative_to(locale_dir(root) / lang / "LC_MESSAGES").with_suffix("").as_posix()
    table = term_table(root, lang)
    terms = {term.lower() for term in table.values()} if table else None  # as Sphinx matches
    return read_status(path, domain, terms, table if domain == "book/glossary" else None)


def language_status(root: Path, lang: str) -> list[CatalogueStatus]:
    """Every catalogue of one language, in path order."""
    base = locale_dir(root) / lang / "LC_MESSAGES"
    return [catalogue_status(root, lang, path) for path in sorted(base.rglob("*.po"))]


def languages_status(root: Path) -> dict[str, list[CatalogueStatus]]:
    return {lang: language_status(root, lang) for lang in TRANSLATED}


def main(argv: list[str] | None = None) -> int:
    """``python -m tipcourse.catalogues FILE.po…``: each file's problems as ``path:line:``."""
    import sys

    from tipcourse.course import find_root

    paths = [Path(p).resolve() for p in (argv if argv is not None else sys.argv[1:])]
    status = 0
    for path in paths:
        root = next((p.parent for p in path.parents if p.name == "locales"), find_root())
        lang = path.relative_to(locale_dir(root)).parts[0]
        s = catalogue_status(root, lang, path)
        for line in s.untranslated:
            print(f"{path}:{line}: not translated")
        for line in s.fuzzy:
            print(f"{path}:{line}: fuzzy (check it, then remove the fuzzy flag)")
        for line, problem in s.problems:
            print(f"{path}:{line}: {problem}")
        print(f"{path}: {s.translated}/{s.total} translated", file=sys.stderr)
        status |= bool(s.untranslated or s.fuzzy or s.problems)
    return status


if __name__ == "__main__":
    raise SystemExit(main())


# Catalogues only the teacher edition reads: the teaching guide's pages (its handouts are
# printed in the student workbook) and the lesson plans.
TEACHER_ONLY = ("teacher_guide/",)
STUDENT_TOO = ("teacher_guide/handouts/", "teacher_guide/handouts.")


def student_facing(domain: str) -> bool:
    return not domain.startswith(TEACHER_ONLY) or domain.startswith(STUDENT_TOO)


def check_translations(course: Course) -> str:
    """Every language's catalogues: readable, keeping links, terms and numbers, and complete
    where students read them. Raise at the first problem; return one line per language."""
    from tipcourse.errors import SourceError

    summary = []
    for lang, catalogues in languages_status(course.root).items():
        if not catalogues:
            continue
        waiting = 0
        for status in catalogues:
            shown = status.path.relative_to(course.root)
            for line, problem in status.problems:
                raise SourceError(shown, line, problem, "fix the translation (msgstr)")
            if status.complete:
                continue
            if student_facing(status.domain):
                line = (status.untranslated + status.fuzzy)[0]
                what = "not translated" if status.untranslated else "marked fuzzy"
                raise SourceError(shown, line, f"students read this text and it is {what}",
                                  "translate it (then remove any fuzzy flag), or run "
                                  "tipcourse translate after changing the English")
            waiting += len(status.untranslated) + len(status.fuzzy)
        total = sum(s.total for s in catalogues)
        done = sum(s.translated for s in catalogues)
        teacher = f"; {waiting} teacher-only messages wait" if waiting else ""
        summary.append(f"{lang} {done}/{total}{teacher}")
    return "translations: " + (", ".join(summary) if summary else "none")


CHECKS = [check_translations]
