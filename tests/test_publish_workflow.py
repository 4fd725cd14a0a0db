"""The deploy workflow builds and publishes the student edition only, with the data fetched
from UNODC by the package's loader."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"


def _workflow() -> dict:
    return YAML(typ="safe").load(WORKFLOW.read_text())


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def _commands(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for job in workflow["jobs"].values()
                     for step in _steps(job))


def test_it_builds_the_student_edition_only() -> None:
    workflow = _workflow()
    commands = _commands(workflow)
    builds = [line.strip() for line in commands.splitlines() if "tipcourse build" in line]
    assert builds == [".venv/bin/tipcourse build --edition student --pdf"]
    text = WORKFLOW.read_text()
    assert "--edition teacher" not in text and "--edition all" not in text
    assert "teacher-guide.pdf" not in text
    assert "ls -d _build/site/*/teacher" in text  # the upload is refused if one is there
    assert [line for line in commands.splitlines() if "tipcourse pdf" in line] == []
    assert ".venv/bin/tipcourse dist" in commands
    assert "TIPCOURSE_DATA_DIR" not in WORKFLOW.read_text()


def test_it_uploads_the_student_site_and_deploys_it_to_pages() -> None:
    workflow = _workflow()
    uploads = [step for job in workflow["jobs"].values() for step in _steps(job)
               if str(step.get("uses", "")).startswith("actions/upload-pages-artifact@")]
    assert [step["with"]["path"] for step in uploads] == ["_build/site"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert [s["uses"].split("@")[0] for s in _steps(deploy)] == ["actions/deploy-pages"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert "workflow_dispatch" in triggers


def test_it_checks_the_repository_address_it_publishes_from() -> None:
    commands = _commands(_workflow())
    assert ".venv/bin/tipcourse repository" in commands
    assert "GITHUB_REPOSITORY" in commands


def test_it_pushes_the_student_copies_the_launch_buttons_open() -> None:
    job = _workflow()["jobs"]["student-branch"]
    assert job["permissions"] == {"contents": "write"}
    commands = "\n".join(step.get("run", "") for step in _steps(job))
    assert "tipcourse data student-branch --out _build/student-branch" in commands
    assert "tipcourse data student-branch --name" in commands
    assert 'HEAD:refs/heads/$branch' in commands
    assert "tipcourse build" not in commands  # no site, and so no teacher edition, here


def test_the_branch_name_comes_from_the_course_settings() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "tipcourse.cli", "data", "student-branch",
                             "--name"], cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "student"
