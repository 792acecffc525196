"""SIGINT or SIGTERM during `captions make` leaves no output file, partial or staged."""
import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def long_pair(tmp_path_factory):
    """The seed repeated ten times (about 15 hours): long enough to interrupt mid-run."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench.scaled_seed(tmp_path_factory.mktemp("long"))


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_make_writes_nothing(long_pair, tmp_path, signum):
    rev, text = long_pair
    (tmp_path / "old.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nkept\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "captions", "make", str(rev), str(text),
                             "-o", str(tmp_path / "new.srt"), "-o", str(tmp_path / "old.vtt"), "-q"],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal arrived")
    assert proc.returncode == 130, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.vtt"]
    assert "kept" in (tmp_path / "old.vtt").read_text(encoding="utf-8")


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_make_with_audio_stops_its_workers_and_writes_nothing(tmp_path, signum):
    """Ctrl-C while worker processes listen to a recording: exit 130, no file, no traceback."""
    pytest.importorskip("av")
    pytest.importorskip("pocketsphinx")
    spec = importlib.util.spec_from_file_location("audio_speed", ROOT / "benchmarks" / "audio_speed.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rev, text, media, _ = bench.build(tmp_path, 5)
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "captions", "make", str(rev), str(text), "--audio", str(media),
                             "--jobs", "2", "-o", str(out / "new.srt"), "-q", "--force"],
                            cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
    time.sleep(2.5)
    os.killpg(proc.pid, signum)           # the whole process group, as a terminal's Ctrl-C does
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the run finished before the signal arrived")
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    assert list(out.iterdir()) == []
