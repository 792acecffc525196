"""Shot changes from the command line: make --shots moves edges to cuts and reports them, check
--shots reports what breaks the rules, and the delivery formats are written from make."""
import json
from pathlib import Path

from captions.cli import main
from captions.readers.caption_files import read_captions
from captions.shots import check_shots, read_shots
from captions.rules import CaptionRules

DATA = Path(__file__).parent / "data"
REV, CLEAN = DATA / "audio" / "interview.rev.txt", DATA / "audio" / "interview.clean.txt"
CUTS = DATA / "video" / "interview.cuts.txt"


def test_make_with_a_shot_list_times_edges_to_the_cuts_and_reports_the_moves(tmp_path, capsys):
    plain, snapped = tmp_path / "plain.srt", tmp_path / "snapped.srt"
    assert main(["make", str(REV), str(CLEAN), "-o", str(plain), "-q"]) == 0
    assert main(["make", str(REV), str(CLEAN), "-o", str(snapped), "--shots", str(CUTS),
                 "--report", str(tmp_path / "report.json"), "-q"]) == 0
    cuts = read_shots(CUTS, 24)
    before = check_shots(read_captions(plain), cuts, CaptionRules())
    after = check_shots(read_captions(snapped), cuts, CaptionRules())
    assert before and len(after) < len(before)
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["shots"]
    assert report["cuts"] == len(cuts) and report["moved_edges"] == len(report["moves"]) > 0
    assert all(m["to_ms"] != m["from_ms"] for m in report["moves"])
    # check --shots reports the plain captions' edges that break the rules, as a soft rule.
    assert main(["check", str(plain), "--shots", str(CUTS)]) == 0
    out = capsys.readouterr().out
    assert out.count(": shot_change: ") == len(before) and f"shot_change {len(before)}" in out


def test_make_writes_the_delivery_formats_with_the_timeline_start(tmp_path):
    outputs = [tmp_path / f"t.{ext}" for ext in ("fcpxml", "scc", "stl")]
    args = ["make", str(REV), str(CLEAN), "--offset", "01:00:00:00", "--fps", "25", "-q"]
    assert main(args + [a for o in outputs for a in ("-o", str(o))]) == 0
    assert 'tcStart="3600s"' in outputs[0].read_text(encoding="utf-8")      # the one-hour timeline
    assert outputs[1].read_text(encoding="utf-8").startswith("Scenarist_SCC V1.0\n\n00:59:5")
    stl = outputs[2].read_bytes()
    assert stl[3:11] == b"STL25.01" and len(stl) % 128 == 0
