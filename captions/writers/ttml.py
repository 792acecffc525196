"""TTML 1.0 / DFXP (`.ttml`, `.dfxp`, `.xml`): W3C Timed Text, what Avid, Premiere, broadcast
and streaming tools exchange.

The document keeps to TTML 1.0 and to the constraints of the IMSC 1 Text profile (media time
base, clock times, regions in percent, one region, no frames, no TTML2 features), so an IMSC 1
processor reads it as well as an older DFXP importer; it does not name a profile
(``ttp:profile``), which older importers may refuse when they do not know it::

    <?xml version="1.0" encoding="UTF-8"?>
    <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter"
        xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata"
        xml:lang="en" ttp:timeBase="media">
      <head>
        <metadata>                                    <!-- only when captions carry voices -->
          <ttm:agent xml:id="speaker1" type="person"><ttm:name type="full">Elon Musk</ttm:name></ttm:agent>
        </metadata>
        <styling>
          <style xml:id="caption" tts:fontFamily="sansSerif" tts:fontSize="80%" tts:lineHeight="125%"
                 tts:color="white" tts:textAlign="center" tts:textOutline="black 5%"/>
        </styling>
        <layout>
          <region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="after"/>
        </layout>
      </head>
      <body style="caption" region="bottom">
        <div>
          <p xml:id="c1" begin="00:07:18.305" end="00:07:22.416">Why did you agree to do this,<br/>this interview with the BBC?</p>
          <p xml:id="c2" begin="..." end="..." ttm:agent="speaker1">...</p>           <!-- one voice -->
          <p xml:id="c3" begin="..." end="..."><span ttm:agent="speaker2">-Do you?</span><br/><span ttm:agent="speaker1">-I don't.</span></p>
        </div>
      </body>
    </tt>

Times are clock times ``hh:mm:ss.mmm`` from integer milliseconds (hours take as many digits as
they need). The region is the title-safe area (10% in from each edge) with text aligned to its
bottom, so two or three lines never leave the screen. A speaker is a ``ttm:agent``, referred to
from the ``p`` (one voice) or from a ``span`` per voice (a dialogue caption); the text is left as
it is, so a label the segmenter put in (``NAME:``) stays visible. Whitespace inside ``p`` is not
indented, since TTML processors keep or collapse it.

The XML is written here as text: the structure is fixed and small, and writing it directly keeps
prefixes, attribute order and whitespace exactly as above (tests parse it back with xml.etree).
"""
from __future__ import annotations

import re

from ..model import Caption
from ..timecode import vtt_time

TT = "http://www.w3.org/ns/ttml"
TTP = "http://www.w3.org/ns/ttml#parameter"
TTS = "http://www.w3.org/ns/ttml#styling"
TTM = "http://www.w3.org/ns/ttml#metadata"
LANG = "en"

XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'

# Characters XML 1.0 cannot hold at all (C0 controls but tab, LF, CR; lone surrogates; FFFE/FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Character data: characters XML cannot hold dropped, ``& < >`` escaped."""
    text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(value: str) -> str:
    """An attribute value for double quotes, whitespace collapsed (XML would normalise it)."""
    return xml_text(" ".join(value.split())).replace('"', "&quot;")


def attrs(pairs: dict[str, str]) -> str:
    return "".join(f' {name}="{xml_attr(value)}"' for name, value in pairs.items())


def line_voices(caption: Caption) -> list[str | None]:
    return [caption.voices[n] if n < len(caption.voices) else None for n in range(len(caption.lines))]


def speaker_ids(captions: list[Caption]) -> dict[str, str]:
    """Every voice, in order of first appearance, to an XML id: ``speaker1``, ``speaker2``..."""
    ids: dict[str, str] = {}
    for c in captions:
        for voice in line_voices(c):
            if voice and voice not in ids:
                ids[voice] = f"speaker{len(ids) + 1}"
    return ids


def p_content(caption: Caption, agents: dict[str, str]) -> tuple[str, str | None]:
    """The content of a caption's ``p`` and the agent the whole ``p`` speaks for, if one does:
    lines joined by ``<br/>``; in a caption of several voices, each voice's lines in a ``span``."""
    voices = line_voices(caption)
    texts = [xml_text(line) for line in caption.lines]
    if len(set(voices)) <= 1:
        voice = voices[0] if voices else None
        return "<br/>".join(texts), (agents[voice] if voice else None)
    runs: list[tuple[str | None, list[str]]] = []
    for voice, text in zip(voices, texts):
        if runs and runs[-1][0] == voice:
            runs[-1][1].append(text)
        else:
            runs.append((voice, [text]))
    parts = []
    for voice, run in runs:
        body = "<br/>".join(run)
        parts.append(f'<span ttm:agent="{agents[voice]}">{body}</span>' if voice else body)
    return "<br/>".join(parts), None


def agent_metadata(agents: dict[str, str], indent: str) -> list[str]:
    if not agents:
        return []
    out = [f"{indent}<metadata>"]
    for name, ident in agents.items():
        out.append(f'{indent}  <ttm:agent xml:id="{ident}" type="person">'
                   f'<ttm:name type="full">{xml_text(" ".join(name.split()))}</ttm:name></ttm:agent>')
    out.append(f"{indent}</metadata>")
    return out


STYLE = {"tts:fontFamily": "sansSerif", "tts:fontSize": "80%", "tts:lineHeight": "125%", "tts:color": "white",
         "tts:textAlign": "center", "tts:textOutline": "black 5%"}
REGION = {"tts:origin": "10% 10%", "tts:extent": "80% 80%", "tts:displayAlign": "after"}


def format_ttml(captions: list[Caption]) -> str:
    agents = speaker_ids(captions)
    root = {"xmlns": TT, "xmlns:ttp": TTP, "xmlns:tts": TTS, "xmlns:ttm": TTM,
            "xml:lang": LANG, "ttp:timeBase": "media"}
    out = [XML_DECLARATION, f"<tt{attrs(root)}>", "  <head>"]
    out += agent_metadata(agents, "    ")
    out += ["    <styling>", f'      <style xml:id="caption"{attrs(STYLE)}/>', "    </styling>",
            "    <layout>", f'      <region xml:id="bottom"{attrs(REGION)}/>', "    </layout>",
            "  </head>", '  <body style="caption" region="bottom">', "    <div>"]
    for n, c in enumerate(captions, start=1):
        content, agent = p_content(c, agents)
        p = {"xml:id": f"c{n}", "begin": vtt_time(c.start_ms), "end": vtt_time(c.end_ms)}
        if agent:
            p["ttm:agent"] = agent
        out.append(f"      <p{attrs(p)}>{content}</p>")
    out += ["    </div>", "  </body>", "</tt>", ""]
    return "\n".join(out)
