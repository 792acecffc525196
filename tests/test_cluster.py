"""captions batch on a Dask cluster: the same outputs as a local batch, faults survived, nothing
written twice or half. Each test starts a local cluster of worker processes."""
import json
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from captions import CaptionRules  # noqa: E402
from captions.batch import Pair, make_pair, run_batch  # noqa: E402
from captions.cli import main  # noqa: E402
from captions.cluster import connect  # noqa: E402
from captions.errors import ClusterError  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEED_REV = ROOT / "samples" / "bbc-musk-2023.rev.txt"
SEED_TEXT = ROOT / "samples" / "bbc-musk-2023.blog.txt"
SHORT_REV = "Ann Lee (00:00:01):\n\nUh, {words}.\n\nBob (00:00:30):\n\nThanks Ann.\n"
SHORT_TEXT = "Ann Lee:\n{words}.\n\nBob:\nThanks Ann.\n"
TOPICS = [
    "our revenue grew strongly in every region this quarter and the new factory in Ohio opened on time "
    "while the costs of energy and pulp kept rising faster than we had planned for at the start of the year",
    "the mountain rescue team trained for three weeks in deep snow before the first storm of the winter arrived "
    "and the volunteers learned to read the avalanche maps that the park rangers had drawn by hand",
    "the library reopened after the flood with new shelves and a reading room for children where the old "
    "archive used to be and the town council paid for the books that the water had ruined",
]


def short_pairs(folder: Path, out: Path, n: int = 3) -> list[Pair]:
    pairs = []
    for k in range(n):
        words = TOPICS[k % len(TOPICS)]
        rev, text = folder / f"p{k}.rev.txt", folder / f"p{k}.txt"
        rev.write_text(SHORT_REV.format(words=words), encoding="utf-8")
        text.write_text(SHORT_TEXT.format(words=words.capitalize()), encoding="utf-8")
        pairs.append(Pair(f"p{k}", rev, text, (out / f"p{k}.srt",)))
    return pairs


def test_a_cluster_batch_writes_what_a_local_batch_writes(tmp_path, capsys):
    src, local, remote = tmp_path / "in", tmp_path / "local", tmp_path / "cluster"
    src.mkdir()
    short_pairs(src, local)
    (src / "broken.rev.txt").write_text("no stamps here\n", encoding="utf-8")
    (src / "broken.txt").write_text("Some text.\n", encoding="utf-8")
    assert main(["batch", str(src), "-o", str(local), "--format", "srt,vtt", "--jobs", "2"]) == 1
    code = main(["batch", str(src), "-o", str(remote), "--format", "srt,vtt", "--cluster", "local:2",
                 "--report", str(remote / "batch.json")])
    err = capsys.readouterr().err
    assert code == 1
    names = sorted(p.name for p in local.iterdir())
    assert names == sorted(p.name for p in remote.iterdir() if p.name != "batch.json")
    for name in names:
        assert (local / name).read_bytes() == (remote / name).read_bytes()
    report = json.loads((remote / "batch.json").read_text(encoding="utf-8"))
    assert (report["ok"], report["failed"]) == (3, 1)
    broken = next(r for r in report["results"] if r["name"] == "broken")
    assert "no timestamped speaker turns" in broken["error"] and "broken.rev.txt" in broken["error"]
    assert "workers:" in err and "pairs a minute" in err


def _dies_once(job):
    """A worker that dies in the middle of its first pair (SIGKILL: no goodbye to the scheduler)."""
    marker = Path(job.pair.outputs[0]).with_suffix(".died")
    if job.pair.name == "p1" and not marker.exists():
        marker.write_text("x")
        os.kill(os.getpid(), signal.SIGKILL)
    return make_pair(job)


def _poison(job):
    """A pair that kills every worker it lands on."""
    if job.pair.name == "p0":
        os.kill(os.getpid(), signal.SIGKILL)
    return make_pair(job)


def test_a_killed_worker_has_its_pair_retried_elsewhere_and_written_once(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    pairs = short_pairs(tmp_path, out)
    seen = []
    results, interrupted = run_batch(pairs, CaptionRules(), cluster="local:2", work=_dies_once,
                                     on_result=seen.append)
    assert not interrupted
    assert [r.status for r in results] == ["ok", "ok", "ok"]
    assert sorted(r.name for r in seen) == ["p0", "p1", "p2"]          # each pair answered once
    assert (out / "p1.died").exists()                                   # the worker really died
    assert all((out / f"p{k}.srt").read_text(encoding="utf-8").startswith("1\n") for k in range(3))


def test_a_pair_that_kills_every_worker_fails_with_the_reason(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    pairs = short_pairs(tmp_path, out)
    started = time.monotonic()
    results, _ = run_batch(pairs, CaptionRules(), cluster="local:2", work=_poison)
    assert time.monotonic() - started < 120
    by_name = {r.name: r for r in results}
    assert by_name["p0"].status == "failed" and "KilledWorker" in by_name["p0"].error
    assert by_name["p1"].status == by_name["p2"].status == "ok"
    assert not (out / "p0.srt").exists() and (out / "p2.srt").exists()


def _slow_after_first(job):
    if job.pair.name != "p0":
        time.sleep(10)
    return make_pair(job)


def test_losing_the_scheduler_ends_the_batch_and_keeps_what_was_written(tmp_path):
    """A real deployment's shape: `dask scheduler` and `dask worker` processes; the scheduler is
    killed once the first pair is written."""
    out = tmp_path / "out"
    out.mkdir()
    pairs = short_pairs(tmp_path, out)
    address_file = tmp_path / "scheduler.json"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler", "--port", "0", "--no-dashboard",
            "--host", "127.0.0.1", "--scheduler-file", str(address_file)]
    scheduler = subprocess.Popen(dask, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    workers = None
    try:
        deadline = time.time() + 60
        while not address_file.exists() and time.time() < deadline:
            time.sleep(0.1)
        workers = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file",
                                    str(address_file), "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        address = json.loads(address_file.read_text())["address"]

        def kill_scheduler(result):
            if result.name == "p0":
                scheduler.kill()

        with pytest.raises(ClusterError, match="lost the connection to the cluster's scheduler"):
            run_batch(pairs, CaptionRules(), cluster=address, work=_slow_after_first, on_result=kill_scheduler)
    finally:
        for process in (scheduler, workers):
            if process is not None:
                process.kill()
                process.wait()
    assert (out / "p0.srt").exists()
    assert not (out / "p1.srt").exists() and not list(out.glob("*.part"))


def test_an_unreachable_scheduler_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("captions.cluster.CONNECT_TIMEOUT_S", 2)
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--cluster", "tcp://127.0.0.1:9"]) == 2
    assert "no pairs found" in capsys.readouterr().err     # pairs are looked for before connecting
    short_pairs(tmp_path, tmp_path / "out")
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--cluster", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("captions: error: cannot reach the cluster scheduler at tcp://127.0.0.1:9")
    assert len(err.splitlines()) == 1


def test_dask_logs_nothing_before_the_one_line(tmp_path, monkeypatch):
    """A lost scheduler's reconnect is logged by distributed.client, at a level of its own in
    Dask's logging config, with a 30-line traceback before the batch's one line."""
    monkeypatch.setattr("captions.cluster.CONNECT_TIMEOUT_S", 1)
    short_pairs(tmp_path, tmp_path / "out", n=1)
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--cluster", "tcp://127.0.0.1:9"]) == 2
    assert not [name for name in ("distributed", "distributed.client", "tornado.application", "bokeh")
                if logging.getLogger(name).isEnabledFor(logging.ERROR)]


def test_an_interrupted_cluster_batch_cancels_the_rest_and_resumes(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    rev, text = SEED_REV.read_text(encoding="utf-8"), SEED_TEXT.read_text(encoding="utf-8")
    for n in range(10):
        (src / f"talk{n}.rev.txt").write_text(rev, encoding="utf-8")
        (src / f"talk{n}.blog.txt").write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "captions", "batch", str(src), "-o", str(out), "--cluster", "local:2"]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.time() + 120
    while time.time() < deadline and not list(out.glob("*.srt")):
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    signalled = time.monotonic()
    _, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the batch finished before the signal arrived")
    assert proc.returncode == 130, err
    assert time.monotonic() - signalled < 15, "the cluster was not shut down promptly"
    assert "not run (interrupted)" in err and "Traceback" not in err
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    done = len(list(out.glob("*.srt")))
    assert 0 < done < 10
    rerun = subprocess.run(command + ["--skip-existing"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{10 - done} ok, 0 failed, {done} skipped" in rerun.stderr


def test_without_dask_the_cluster_option_names_the_install(tmp_path, capsys, monkeypatch):
    short_pairs(tmp_path, tmp_path / "out")
    monkeypatch.setitem(sys.modules, "distributed", None)
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--cluster", "local:2"]) == 2
    err = capsys.readouterr().err.strip()
    assert "--cluster needs Dask" in err and "[cluster]" in err and len(err.splitlines()) == 1


def test_the_cluster_can_be_named_in_captions_toml(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CAPTIONS_CLUSTER", raising=False)
    short_pairs(tmp_path, tmp_path / "out", n=1)
    (tmp_path / "captions.toml").write_text('cluster = "tcp://127.0.0.1:9"\n', encoding="utf-8")
    monkeypatch.setattr("captions.cluster.CONNECT_TIMEOUT_S", 1)
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    assert "cannot reach the cluster scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err
    (tmp_path / "captions.toml").write_text("cluster = 8786\n", encoding="utf-8")
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    assert "captions.toml:1: cluster must be a scheduler address" in capsys.readouterr().err


def _worker_start():
    """What a local worker holds before its first pair."""
    return "captions.pipeline" in sys.modules


@pytest.mark.skipif("forkserver" not in multiprocessing.get_all_start_methods(), reason="no fork server here")
def test_local_workers_are_forked_from_one_process_that_imported_the_pipeline():
    with connect("local:2") as executor:
        assert [executor.submit(_worker_start).result(timeout=60) for _ in range(2)] == [True, True]


def test_without_a_fork_server_local_workers_start_their_own_python(monkeypatch):
    """Windows has no fork server: each worker is spawned and imports what it needs itself."""
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with connect("local:1") as executor:
        assert executor.submit(_worker_start).result(timeout=60) is False


def _tick_ms(dask_worker=None, dask_scheduler=None):
    return (dask_worker or dask_scheduler).periodic_callbacks["tick"].callback_time


def test_a_local_cluster_times_its_event_loops_once_a_second():
    """Not Dask's 50 times a second in every process: 40 ms of CPU a second of two workers."""
    with connect("local:2") as executor:
        assert set(executor.client.run(_tick_ms).values()) == {1000}
        assert executor.client.run_on_scheduler(_tick_ms) == 1000
