"""GIVEN opsloop built as a wheel and installed outside the checkout WHEN a chain loads its prompt THEN
the prompt files installed with the wheel are found (no OPSLOOP_LLM__PROMPTS_DIR needed)."""

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

PROMPTS = sorted(p.name for p in (REPO_ROOT / "prompts").glob("*.toml"))


@pytest.mark.slow
def test_an_installed_wheel_carries_and_finds_its_prompts(tmp_path: Path) -> None:
    # GIVEN the wheel, built from this checkout without network (the venv's own setuptools)
    wheels = tmp_path / "wheels"
    build = ["wheel", str(REPO_ROOT), "--no-deps", "--no-build-isolation", "--quiet", "-w", str(wheels)]
    subprocess.run(
        [sys.executable, "-m", "pip", *build],
        check=True,
        timeout=240,
    )
    (wheel,) = wheels.glob("opsloop-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"share/opsloop/prompts/{name}" for name in PROMPTS} <= {
        n.split(".data/data/", 1)[-1] for n in names
    }
    # WHEN it is installed into a fresh environment of its own, away from the checkout
    # (its own pip: the outer pip with --prefix would uninstall the checkout's editable install)
    env = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True, timeout=120)
    subprocess.run(
        [
            str(env / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        timeout=240,
    )
    # the dependencies come from this venv's site-packages on PYTHONPATH (no .pth files run there,
    # so the editable checkout stays invisible and opsloop is the installed copy)
    probe = (
        "import opsloop.llm.prompts as p; "
        "print(p.__file__); print(p.default_prompts_dir()); print(p.load_prompt('invoice_extract').version)"
    )
    out = subprocess.run(
        [str(env / "bin" / "python"), "-c", probe],
        env={"PYTHONPATH": sysconfig.get_paths()["purelib"], "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr
    module, folder, version = out.stdout.split()
    # THEN the module is the installed one, and its prompts are the installed files
    assert module.startswith(str(env)) and folder == str(env / "share" / "opsloop" / "prompts")
    assert version
