"""Timing sources: files that say *when* words were said, read as a `Transcript`.

`detect` decides a file's kind by content and calls its reader: Rev text (`rev`) or DOCX
(`rev_docx`), vendor JSON (`vendor_json`), caption files used as timing (`cues`). The machine
sources share one builder from timed tokens to words, turns and anchors (`tokens`).
"""
