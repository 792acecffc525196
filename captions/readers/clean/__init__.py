"""Clean texts: the article that says *what* was said, read as a `CleanText`.

`text` decides the form (plain text, Markdown, HTML, Word) and reads the lines; `html`,
`markdown` and `docx` turn their form into plain lines; `html_detect` is the web-page sniff the
dispatcher makes without importing the HTML reader.
"""
