"""Make the test videos: shots at known frames, drawn with NumPy and encoded with PyAV (H.264).

Every shot is a test pattern of its own (colour bars in a shot's own order and tint, a box that
moves across them, the bars drifting) so frames inside a shot differ, as in real footage, and
only the cuts change the picture wholesale. Two shots of equal brightness and different colour
test that the detector sees colour. ``interview.mp4`` carries tests/data/audio/interview.mp3 as
its sound, with a cut near each speaker change (a few frames off it, as an editor cuts) and a
few inside turns; its cut frames are in ``interview.cuts.txt``.

    python tests/data/video/make_clips.py      # rewrites interview.mp4 and interview.cuts.txt
"""
from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).parent
# Colour bars (RGB): the usual seven, then two of equal brightness (luma ~ 105) in other hues.
BARS = [(192, 192, 192), (192, 192, 0), (0, 192, 192), (0, 192, 0), (192, 0, 192), (192, 0, 0), (0, 0, 192)]
EQUAL_LUMA = [(200, 70, 70), (40, 130, 160)]

# interview.mp4, 24 fps: cuts near the speaker changes (5864, 17965, 20612, 29423, 31587 ms) and
# inside turns; frame numbers of the first frame of each new shot.
INTERVIEW_CUTS = [72, 137, 250, 429, 497, 610, 700, 752, 830]


def shot_picture(shot: int, frame: int, width: int, height: int, equal_luma: bool = False):
    """The picture of frame ``frame`` of shot ``shot``: RGB uint8, height x width x 3."""
    import numpy

    colours = [EQUAL_LUMA[shot % 2]] if equal_luma else BARS[shot % 7:] + BARS[:shot % 7]
    bar = max(1, width // len(colours))
    row = numpy.array([colours[min(x // bar, len(colours) - 1)] for x in range(width)], numpy.uint8)
    picture = numpy.repeat(row[None, :, :], height, axis=0)
    picture = numpy.roll(picture, frame * (1 + shot % 3), axis=1)
    if not equal_luma:
        picture[height // 3:, :, :] //= 1 + shot % 4       # a darker lower part, by shot
    size = max(2, height // 5)
    x = (frame * 3 + shot * 37) % max(1, width - size)
    y = (frame * 2 + shot * 11) % max(1, height - size)
    picture[y:y + size, x:x + size] = 255 - picture[y:y + size, x:x + size]
    return picture


def write_clip(path: str | Path, cuts: list[int], frames: int, fps: int | Fraction = 24,
               width: int = 160, height: int = 90, audio: str | Path | None = None,
               equal_luma: bool = False, crf: int = 30) -> None:
    """An H.264 MP4 of ``frames`` frames with a new shot starting at each frame in ``cuts``;
    with ``audio``, that file's first audio stream copied in (up to the video's length)."""
    import av

    with av.open(str(path), "w") as out:
        video = out.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"preset": "veryfast", "crf": str(crf), "g": "48"}
        source = av.open(str(audio)) if audio else None
        sound = out.add_stream_from_template(source.streams.audio[0]) if source else None
        shot = 0
        for n in range(frames):
            if n in cuts:
                shot += 1
            picture = shot_picture(shot, n, width, height, equal_luma)
            for packet in video.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")):
                out.mux(packet)
        for packet in video.encode():
            out.mux(packet)
        if source:
            limit = Fraction(frames, 1) / Fraction(fps)
            for packet in source.demux(source.streams.audio[0]):
                if packet.dts is None:
                    continue
                if packet.pts * packet.time_base >= limit:
                    break
                packet.stream = sound
                out.mux(packet)
            source.close()


def main() -> None:
    frames = 38 * 24
    write_clip(HERE / "interview.mp4", INTERVIEW_CUTS, frames,
               audio=HERE.parent / "audio" / "interview.mp3")
    lines = ["# interview.mp4: where the first frame of each new shot starts, in seconds (24 fps)"]
    lines += [f"{math.ceil(c * 1000 / 24) / 1000:.3f}" for c in INTERVIEW_CUTS]
    (HERE / "interview.cuts.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
