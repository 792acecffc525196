"""timecode.py: every clock a file or message uses, written and read back; frame timecode."""
from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from captions.timecode import (ass_time, clock_ms, frame_ms, hms_time, parse_offset, sbv_time, smpte_time, srt_time,
                               vtt_time)
from conftest import fuzz_settings

HOUR = 3_600_000


# --- time stamps: integer ms, never 60 in a field, any number of hours -------------------------

def split_clock(stamp: str, sep: str) -> tuple[int, int, int, str]:
    h, m, rest = stamp.split(":", 2)
    s, frac = rest.split(sep)
    assert 0 <= int(m) < 60 and 0 <= int(s) < 60, stamp
    return int(h), int(m), int(s), frac


@pytest.mark.parametrize("ms, vtt, sbv, ass", [
    (0, "00:00:00.000", "0:00:00.000", "0:00:00.00"),
    (4, "00:00:00.004", "0:00:00.004", "0:00:00.00"),
    (5, "00:00:00.005", "0:00:00.005", "0:00:00.01"),
    (59_994, "00:00:59.994", "0:00:59.994", "0:00:59.99"),
    (59_995, "00:00:59.995", "0:00:59.995", "0:01:00.00"),
    (59_999, "00:00:59.999", "0:00:59.999", "0:01:00.00"),
    (60_000, "00:01:00.000", "0:01:00.000", "0:01:00.00"),
    (HOUR - 1, "00:59:59.999", "0:59:59.999", "1:00:00.00"),
    (3_723_004, "01:02:03.004", "1:02:03.004", "1:02:03.00"),
    (10 * HOUR, "10:00:00.000", "10:00:00.000", "10:00:00.00"),
    (100 * HOUR + 1_234, "100:00:01.234", "100:00:01.234", "100:00:01.23"),
])
def test_time_stamps(ms, vtt, sbv, ass):
    assert vtt_time(ms) == vtt
    assert srt_time(ms) == vtt.replace(".", ",")
    assert sbv_time(ms) == sbv
    assert ass_time(ms) == ass


@given(st.integers(min_value=0, max_value=200 * HOUR))
@fuzz_settings(200)
def test_time_stamps_read_back(ms):
    h, m, s, frac = split_clock(vtt_time(ms), ".")
    assert ((h * 60 + m) * 60 + s) * 1000 + int(frac) == ms
    h, m, s, frac = split_clock(sbv_time(ms), ".")
    assert ((h * 60 + m) * 60 + s) * 1000 + int(frac) == ms
    h, m, s, frac = split_clock(ass_time(ms), ".")
    assert abs(((h * 60 + m) * 60 + s) * 1000 + int(frac) * 10 - ms) <= 5


@given(st.integers(min_value=0, max_value=200 * 3600 * 60), st.sampled_from([24, 25, 30, 60]))
@fuzz_settings(200)
def test_timecode_reads_back(frame, nominal):
    h, m, rest = smpte_time(frame, Fraction(nominal)).split(":", 2)
    s, ff = rest.split(":")
    assert 0 <= int(m) < 60 and 0 <= int(s) < 60 and 0 <= int(ff) < nominal
    assert ((int(h) * 60 + int(m)) * 60 + int(s)) * nominal + int(ff) == frame


@given(st.integers(min_value=0, max_value=200 * HOUR))
@fuzz_settings(200)
def test_clocks_read_back_by_clock_ms(ms):
    assert clock_ms(vtt_time(ms)) == ms
    assert clock_ms(srt_time(ms)) == ms
    assert clock_ms(sbv_time(ms)) == ms
    assert clock_ms(hms_time(ms)) == ms // 1000 * 1000


@pytest.mark.parametrize("stamp, ms", [
    ("1:02:03", 3_723_000),
    ("01:02:03", 3_723_000),
    ("10:00:00", 36_000_000),
    ("75:30", 4_530_000),          # Rev's mm:ss past an hour
    ("00:00", 0),
    ("01:02:03,5", 3_723_500),     # a fraction after a comma, short
    ("02:03.500", 123_500),
    ("0:00:01.1234", 1_123),       # read to the millisecond
])
def test_clock_ms(stamp, ms):
    assert clock_ms(stamp) == ms


def test_hms_time_drops_the_milliseconds():
    assert hms_time(3_723_999) == "01:02:03"
    assert hms_time(100 * HOUR) == "100:00:00"


@pytest.mark.parametrize("write", [vtt_time, srt_time, sbv_time, ass_time, hms_time])
def test_no_clock_shows_a_negative_time(write):
    with pytest.raises(ValueError, match="negative"):
        write(-1)


def test_drop_frame_timecode_stays_on_the_clock_for_three_hours():
    rate = Fraction(30000, 1001)
    assert smpte_time(0, rate, drop=True) == "00:00:00;00"
    assert smpte_time(1799, rate, drop=True) == "00:00:59;29"
    assert smpte_time(1800, rate, drop=True) == "00:01:00;02"          # ;00 and ;01 are skipped
    assert smpte_time(17982, rate, drop=True) == "00:10:00;00"         # ten minutes keep every number
    assert smpte_time(17982 * 18, rate, drop=True) == "03:00:00;00"    # three hours: no drift
    assert smpte_time(17982 * 18, rate) == "02:59:49:06"               # non-drop runs 10.8 s behind
    # every frame of three hours, read back by the independent timecode parser, is that frame
    for frame in list(range(0, 17982 * 18, 997)) + [17982 * 18 - 1]:
        for drop in (True, False):
            assert parse_offset(smpte_time(frame, rate, drop), 29.97) == frame_ms(frame, rate)
    rate = Fraction(60000, 1001)
    assert smpte_time(35964 * 18, rate, drop=True) == "03:00:00;00"
    assert smpte_time(3600, rate, drop=True) == "00:01:00;04"
    with pytest.raises(ValueError, match="drop-frame"):
        smpte_time(10, Fraction(25), drop=True)
