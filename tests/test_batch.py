"""captions batch: pairs by name or manifest, isolates failures, resumes, survives interrupts."""
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pysrt
import pytest

from captions.batch import classify
from captions.cli import main

ROOT = Path(__file__).resolve().parent.parent
TOPICS = {
    "alpha": "our revenue grew strongly in every region this quarter and the new factory in Ohio opened on time "
             "while the costs of energy and pulp kept rising faster than we had planned for at the start of the year",
    "beta": "the mountain rescue team trained for three weeks in deep snow before the first storm of the winter arrived "
            "and the volunteers learned to read the avalanche maps that the park rangers had drawn by hand last spring",
}


def write_pair(folder: Path, name: str, topic: str, text_suffix: str = ".txt") -> None:
    words = TOPICS[topic]
    (folder / f"{name}.rev.txt").write_text(f"Ann Lee (00:00:01):\n\nUh, {words}.\n\nBob (00:00:30):\n\nThanks Ann.\n",
                                            encoding="utf-8")
    (folder / f"{name}{text_suffix}").write_text(f"Title of the post\n\nAnn Lee:\n{words.capitalize()}.\n\n"
                                                 "Bob:\nThanks Ann.\n", encoding="utf-8")


def test_names_pair_by_pattern():
    assert classify(Path("a.rev.txt")) == ("transcript", "a")
    assert classify(Path("a.transcript.docx")) == ("transcript", "a")
    assert classify(Path("a.clean.txt")) == ("text", "a")
    assert classify(Path("a.blog.md")) == ("text", "a")
    assert classify(Path("a.txt")) == ("text", "a")
    assert classify(Path("a.srt")) is None


def test_batch_writes_good_pairs_lists_unpaired_and_reports_the_broken_one(tmp_path, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    write_pair(src, "one", "alpha")
    write_pair(src, "two", "beta", ".blog.txt")
    (src / "broken.rev.txt").write_text("no stamps in here at all\n", encoding="utf-8")
    (src / "broken.txt").write_text("Some text.\n", encoding="utf-8")
    (src / "lonely.clean.txt").write_text("Nobody pairs with me.\n", encoding="utf-8")
    (src / "notes.md").write_text("not a caption input\n", encoding="utf-8")
    code = main(["batch", str(src), "-o", str(out), "--format", "srt,vtt", "--jobs", "2",
                 "--report", str(out / "batch.json")])
    err = capsys.readouterr().err
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["batch.json", "one.srt", "one.vtt", "two.srt", "two.vtt"]
    assert "lonely.clean.txt: no transcript with this name" in err
    assert "broken: failed (" in err and "no timestamped speaker turns" in err
    report = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert (report["ok"], report["failed"], report["skipped"]) == (2, 1, 0)
    assert {r["name"]: r["status"] for r in report["results"]} == {"broken": "failed", "one": "ok", "two": "ok"}
    assert "Title of the post" not in (out / "one.srt").read_text(encoding="utf-8")
    assert len(pysrt.open(str(out / "two.srt"))) >= 2


def test_skip_existing_resumes_and_a_clean_batch_exits_zero(tmp_path, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    write_pair(src, "one", "alpha")
    write_pair(src, "two", "beta")
    assert main(["batch", str(src), "-o", str(out), "--jobs", "1"]) == 0
    (out / "two.srt").unlink()
    before = (out / "one.srt").stat().st_mtime_ns
    assert main(["batch", str(src), "-o", str(out), "--skip-existing", "--report", str(tmp_path / "r.json")]) == 0
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {r["name"]: r["status"] for r in report["results"]} == {"one": "skipped", "two": "ok"}
    assert (out / "one.srt").stat().st_mtime_ns == before
    assert "1 ok, 0 failed, 1 skipped" in capsys.readouterr().err


def test_manifest_pairs_any_names_and_places_outputs(tmp_path):
    write_pair(tmp_path, "x", "alpha")
    (tmp_path / "talk-transcript.txt").write_text((tmp_path / "x.rev.txt").read_text(), encoding="utf-8")
    (tmp_path / "post.md").write_text((tmp_path / "x.txt").read_text(), encoding="utf-8")
    (tmp_path / "pairs.csv").write_text("transcript,text,output\ntalk-transcript.txt,post.md,subs/final.srt\n",
                                        encoding="utf-8")
    (tmp_path / "subs").mkdir()
    assert main(["batch", "--manifest", str(tmp_path / "pairs.csv"), "-o", str(tmp_path / "unused"),
                 "--format", "srt,vtt"]) == 0
    assert (tmp_path / "subs" / "final.srt").exists() and (tmp_path / "subs" / "final.vtt").exists()


@pytest.mark.parametrize("args, message", [
    (["batch"], "give folders or files"),
    (["batch", "nowhere"], "nowhere: no such file or folder"),
    (["batch", ".", "--format", "docx"], "unknown caption format"),
    (["batch", ".", "--jobs", "0"], "--jobs must be at least 1"),
])
def test_usage_errors_exit_2_with_one_line(tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert main(args + ["-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_bad_manifest_row_names_the_line(tmp_path, capsys):
    (tmp_path / "pairs.csv").write_text("transcript,text\na.rev.txt\n", encoding="utf-8")
    assert main(["batch", "--manifest", str(tmp_path / "pairs.csv"), "-o", str(tmp_path)]) == 2
    assert "pairs.csv:2: expected transcript,text[,output[,audio]]" in capsys.readouterr().err


def test_an_interrupted_batch_leaves_no_partial_file_and_resumes(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    seed_rev = (ROOT / "samples" / "bbc-musk-2023.rev.txt").read_text(encoding="utf-8")
    seed_text = (ROOT / "samples" / "bbc-musk-2023.blog.txt").read_text(encoding="utf-8")
    for n in range(8):
        (src / f"talk{n}.rev.txt").write_text(seed_rev, encoding="utf-8")
        (src / f"talk{n}.blog.txt").write_text(seed_text, encoding="utf-8")
    command = [sys.executable, "-m", "captions", "batch", str(src), "-o", str(out), "--jobs", "2", "--format", "srt,vtt"]
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    deadline = time.time() + 60
    while time.time() < deadline and not list(out.glob("*.srt")):
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the batch finished before the signal arrived")
    assert proc.returncode == 130, err
    assert "not run (interrupted)" in err
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]
    for srt in out.glob("*.srt"):
        assert len(pysrt.open(str(srt))) > 700 and srt.with_suffix(".vtt").exists()
    done = len(list(out.glob("*.srt")))
    assert done < 8
    rerun = subprocess.run(command + ["--skip-existing"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{8 - done} ok, 0 failed, {done} skipped" in rerun.stderr
